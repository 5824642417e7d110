/**
 * The header of a message (as the relay received it, or as the queue keeps
 * it), held as a "binary" string (one character per byte), so that 8-bit
 * headers from old devices come out byte for byte as they came in. Fields
 * keep their folding.
 */
export type HeaderField = { name: string; lower: string; raw: string };

export type SplitMessage = { fields: HeaderField[]; body: Buffer };

const FIELD_START = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;

/** Bare LF and bare CR become CRLF, as SMTP requires; CRLF stays. */
export function normalizeLineEnds(message: Buffer): Buffer {
  // Fast path: most clients already send CRLF.
  let bare = false;
  for (let i = 0; i < message.length; i += 1) {
    const byte = message[i];
    if (byte === 0x0a && message[i - 1] !== 0x0d) {
      bare = true;
      break;
    }
    if (byte === 0x0d && message[i + 1] !== 0x0a) {
      bare = true;
      break;
    }
  }
  if (!bare) return message;
  return Buffer.from(message.toString("latin1").replace(/\r\n|\r|\n/g, "\r\n"), "latin1");
}

/** Splits a CRLF message into its header fields and its body (after the empty line). */
export function splitMessage(message: Buffer): SplitMessage {
  const end = message.indexOf("\r\n\r\n");
  const headEnd = end === -1 ? message.length : end + 2;
  const head = message.subarray(0, headEnd).toString("latin1");
  const lines = head.split("\r\n");
  if (lines[lines.length - 1] === "") lines.pop();
  // A message that does not start with a header field has no header at all.
  if (lines.length === 0 || !FIELD_START.test(lines[0]!)) {
    return { fields: [], body: message };
  }
  const fields: HeaderField[] = [];
  for (const line of lines) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.raw += `\r\n${line}`;
      continue;
    }
    const match = FIELD_START.exec(line);
    // A line that is neither a field nor a continuation: kept as a continuation of nothing is
    // impossible, so it is dropped rather than sent as a malformed header.
    if (!match) continue;
    fields.push({ name: match[1]!, lower: match[1]!.toLowerCase(), raw: line });
  }
  return { fields, body: end === -1 ? Buffer.alloc(0) : message.subarray(end + 4) };
}

/** The unfolded value of a field (binary string), without the name. */
export function fieldValue(field: HeaderField): string {
  return field.raw
    .slice(field.raw.indexOf(":") + 1)
    .replace(/\r\n(?=[ \t])/g, "")
    .trim();
}

export function findField(fields: HeaderField[], lower: string): HeaderField | undefined {
  return fields.find((field) => field.lower === lower);
}

export function fieldsNamed(fields: HeaderField[], lower: string): HeaderField[] {
  return fields.filter((field) => field.lower === lower);
}

/** The message again, CRLF throughout. */
export function joinMessage(fields: HeaderField[], body: Buffer): Buffer {
  const head = fields.map((field) => `${field.raw}\r\n`).join("");
  return Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), body]);
}

/**
 * A header field folded at spaces (RFC 5322 folding) so that its lines stay
 * near 78 characters: a long encoded name or a long list of addresses would
 * otherwise pass the 998 a line may hold.
 */
export function foldedField(name: string, value: string): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of value.split(" ")) {
    if (line.length + 1 + word.length > 76 && line.length > name.length + 1) {
      lines.push(line);
      line = "";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join("\r\n");
}

/** A new field from a name and an encoded value, folded, as bytes (a UTF-8 address stays whole). */
export function newField(name: string, value: string): HeaderField {
  const raw = Buffer.from(foldedField(name, value), "utf8").toString("latin1");
  return { name, lower: name.toLowerCase(), raw };
}
