import { CsvError, parse } from "csv-parse/sync";

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
 * RFC 4180 records, read by csv-parse: fields in double quotes may hold the
 * separator, line breaks and doubled quotes; lines end in CRLF, LF or CR,
 * mixed in one file as hand-edited exports have them. A quote inside an
 * unquoted field is kept as it is, as spreadsheets do. Blank lines are kept
 * as records of one empty field, so that record numbers stay row numbers.
 * Rows may have fewer or more fields than the header: the callers say which
 * cell is missing, in words.
 */
export function readCsvRecords(text: string, separator: CsvSeparator): CsvRecords {
  try {
    const records: string[][] = parse(text, {
      delimiter: separator,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return { ok: true, records };
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED") {
      return { ok: false, unclosedQuoteAt: Number(error.records ?? 0) + 1 };
    }
    throw error;
  }
}
