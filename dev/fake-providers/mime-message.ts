import addressparser from "nodemailer/lib/addressparser";

interface HeaderField {
  /** Lower-cased field name ("" for a line that is not a field). */
  name: string;
  /** The field's lines as received, folding included, without line ends. */
  lines: string[];
}

/**
 * A MIME message split into its header fields and the rest (the blank line and the body), so
 * that fields can be read, removed or replaced while every other byte stays as it was.
 */
export class MimeMessage {
  private fields: HeaderField[];
  private readonly eol: string;
  private readonly rest: string;

  constructor(raw: string) {
    const end = /\r?\n\r?\n/.exec(raw);
    const header = end ? raw.slice(0, end.index) : raw;
    this.rest = end ? raw.slice(end.index) : "";
    this.eol = header.includes("\r\n") || this.rest.startsWith("\r\n") ? "\r\n" : "\n";
    this.fields = [];
    for (const line of header.split(/\r?\n/)) {
      const last = this.fields.at(-1);
      if (/^[ \t]/.test(line) && last) {
        last.lines.push(line);
        continue;
      }
      const colon = line.indexOf(":");
      this.fields.push({ name: colon > 0 ? line.slice(0, colon).trim().toLowerCase() : "", lines: [line] });
    }
  }

  /** The unfolded values of every field with this name. */
  values(name: string): string[] {
    const lower = name.toLowerCase();
    return this.fields
      .filter((field) => field.name === lower)
      .map((field) => {
        const text = field.lines.join(" ");
        return text.slice(text.indexOf(":") + 1).trim();
      });
  }

  /** The addresses of these fields (groups flattened), in order. */
  addresses(...names: string[]): string[] {
    return names.flatMap((name) =>
      this.values(name).flatMap((value) =>
        addressparser(value, { flatten: true })
          .map((entry) => entry.address.trim())
          .filter((address) => address.includes("@")),
      ),
    );
  }

  /** The first address of the From field, if any. */
  fromAddress(): string | undefined {
    return this.addresses("from")[0];
  }

  remove(name: string): void {
    const lower = name.toLowerCase();
    this.fields = this.fields.filter((field) => field.name !== lower);
  }

  /**
   * Replaces the From address with `address`, keeping the display name (as Gmail does when it
   * rewrites a sender that is not one of the account's); adds a From field when there is none.
   */
  replaceFromAddress(address: string): void {
    const index = this.fields.findIndex((field) => field.name === "from");
    const current = this.values("from")[0];
    if (index < 0 || current === undefined) {
      this.fields.unshift({ name: "from", lines: [`From: ${address}`] });
      return;
    }
    const name = addressparser(current, { flatten: true })[0]?.name.trim() ?? "";
    // Encoded words stay as they were; any other name (UTF-8 included, RFC 6532) is quoted again.
    const encoded = /=\?[^?]+\?[bq]\?/i.test(name);
    const display = name && !encoded ? `"${name.replace(/(["\\])/g, "\\$1")}"` : name;
    const value = display ? `${display} <${address}>` : address;
    this.fields[index] = { name: "from", lines: [`From: ${value}`] };
  }

  toString(): string {
    return this.fields.map((field) => field.lines.join(this.eol)).join(this.eol) + this.rest;
  }
}
