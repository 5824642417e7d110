import { describe, expect, it } from "vitest";
import { parseMailboxCsv } from "@/lib/mailboxes/parse-mailbox-csv";
import { detectSeparator, readCsvRecords } from "@/lib/csv/read-csv-records";

const utf8 = (text: string) => new TextEncoder().encode(text);

function rowsOf(input: string | Uint8Array) {
  const parsed = parseMailboxCsv(input);
  if (!parsed.ok) throw new Error(`refused: ${parsed.error.key}`);
  return parsed.rows;
}

describe("readCsvRecords", () => {
  it("reads quoted fields holding separators, quotes and line breaks", () => {
    const text = 'a,"b, c","say ""hi""","two\nlines"\r\nx,y\rz';
    expect(readCsvRecords(text, ",")).toEqual({
      ok: true,
      records: [["a", "b, c", 'say "hi"', "two\nlines"], ["x", "y"], ["z"]],
    });
  });

  it("keeps blank lines as records so that numbers stay row numbers, and needs no final line break", () => {
    expect(readCsvRecords("h\n\nv\n", ",")).toEqual({ ok: true, records: [["h"], [""], ["v"]] });
  });

  it("reports a quote that is never closed with the record it opened in", () => {
    expect(readCsvRecords('h\nv\n"open,\nmore', ",")).toEqual({ ok: false, unclosedQuoteAt: 3 });
  });

  it("detects the separator from the first line, ignoring quoted ones", () => {
    expect(detectSeparator("address;display_name;configuration\na,b,c,d")).toBe(";");
    expect(detectSeparator('"a;b;c",x\n')).toBe(",");
    expect(detectSeparator("address\n")).toBe(",");
  });
});

describe("parseMailboxCsv", () => {
  it("reads the four columns, lower-cases addresses and splits members on semicolons", () => {
    const rows = rowsOf(
      'address,display_name,configuration,members\nOffice@Lycee.test,"Secrétariat, 1er",Google staff,"A@lycee.test; b@lycee.test;a@lycee.test"\n',
    );
    expect(rows).toEqual([
      {
        row: 2,
        address: "office@lycee.test",
        displayName: "Secrétariat, 1er",
        configuration: "Google staff",
        members: ["a@lycee.test", "b@lycee.test"],
        problems: [],
      },
    ]);
  });

  it("reads French Excel files: semicolons, a byte order mark, CRLF, columns in any order", () => {
    const file = utf8("\uFEFFconfiguration;Address;Display Name\r\nGoogle;vie@lycee.test;Vie scolaire\r\n");
    const parsed = parseMailboxCsv(file);
    expect(parsed).toMatchObject({
      ok: true,
      separator: ";",
      rows: [{ row: 2, address: "vie@lycee.test", displayName: "Vie scolaire", configuration: "Google" }],
    });
  });

  it("flags row problems with spreadsheet row numbers, blank lines included", () => {
    const rows = rowsOf(
      [
        "address,display_name,configuration",
        "ok@lycee.test,,G",
        "",
        "not an address,,G",
        "OK@lycee.test,,G",
        ",name,",
        "x@lycee.test,a,G,extra",
      ].join("\n"),
    );
    expect(rows.map((r) => [r.row, r.problems.map((p) => p.key)])).toEqual([
      [2, []],
      [4, ["mailboxes.import.problems.addressInvalid"]],
      [5, ["mailboxes.import.problems.duplicateInFile"]],
      [6, ["mailboxes.import.problems.addressMissing", "mailboxes.import.problems.configurationMissing"]],
      [7, ["mailboxes.import.problems.tooManyFields"]],
    ]);
    expect(rows[2]?.problems[0]?.vars).toEqual({ row: 2 });
    expect(rows[1]?.address).toBe("not an address");
  });

  it("refuses a name longer than 200 characters", () => {
    const [row] = rowsOf(`address,display_name,configuration\na@lycee.test,${"n".repeat(201)},G`);
    expect(row?.problems.map((p) => p.key)).toEqual(["mailboxes.import.problems.nameTooLong"]);
  });

  it.each([
    ["", "mailboxes.import.errors.empty"],
    ["address,configuration\n", "mailboxes.import.errors.noRows"],
    ["address,display_name\na@b.test,x", "mailboxes.import.errors.missingColumn"],
    ["adress,configuration\na@b.test,x", "mailboxes.import.errors.unknownColumn"],
    ["address,address,configuration\n", "mailboxes.import.errors.duplicateColumn"],
    ['address,configuration\n"a@b.test,x', "mailboxes.import.errors.unclosedQuote"],
  ])("refuses the file %j", (text, key) => {
    expect(parseMailboxCsv(text)).toMatchObject({ ok: false, error: { key } });
  });

  it("refuses a file that is not UTF-8 (Windows-1252 é)", () => {
    const latin1 = new Uint8Array([...utf8("address,display_name,configuration\na@b.test,S"), 0xe9, 0x0a]);
    expect(parseMailboxCsv(latin1)).toMatchObject({
      ok: false,
      error: { key: "mailboxes.import.errors.notUtf8" },
    });
  });

  it("refuses more than 5,000 rows and more than 1 MiB", () => {
    const lines = Array.from({ length: 5001 }, (_, i) => `m${i}@lycee.test,G`);
    expect(parseMailboxCsv(`address,configuration\n${lines.join("\n")}`)).toMatchObject({
      ok: false,
      error: { key: "mailboxes.import.errors.tooManyRows", vars: { max: 5000 } },
    });
    expect(rowsOf(`address,configuration\n${lines.slice(0, 5000).join("\n")}`)).toHaveLength(5000);
    const big = `address,display_name,configuration\na@b.test,${"x".repeat(1024 * 1024)},G`;
    expect(parseMailboxCsv(big)).toMatchObject({
      ok: false,
      error: { key: "mailboxes.import.errors.tooLarge" },
    });
  });
});
