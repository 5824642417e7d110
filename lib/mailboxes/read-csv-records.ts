export type CsvSeparator = "," | ";";

export type CsvRecords =
  | { ok: true; records: string[][] }
  /** A quoted field still open at the end of the file, from this record (1-based). */
  | { ok: false; unclosedQuoteAt: number };

/**
 * The separator of a file, from its first line: French spreadsheets save
 * CSV with semicolons, others with commas.
 */
export function detectSeparator(text: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * RFC 4180 records: fields in double quotes may hold the separator, line
 * breaks and doubled quotes; lines end in CRLF, LF or CR. A quote inside an
 * unquoted field is kept as it is, as spreadsheets do. Blank lines are kept
 * as records of one empty field, so that record numbers stay row numbers.
 */
export function readCsvRecords(text: string, separator: CsvSeparator): CsvRecords {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') [field, i] = [field + '"', i + 1];
      else quoted = false;
      continue;
    }
    if (char === '"' && !fieldStarted) {
      [quoted, fieldStarted] = [true, true];
    } else if (char === separator) {
      record.push(field);
      [field, fieldStarted] = ["", false];
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      [record, field, fieldStarted] = [[], "", false];
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, unclosedQuoteAt: records.length + 1 };
  // The last line needs no line break.
  if (fieldStarted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records };
}
