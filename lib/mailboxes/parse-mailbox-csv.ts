import type { MessageKey } from "@/lib/i18n/catalog";
import type { MessageVars } from "@/lib/i18n/translate";
import { normalizeMailboxAddress } from "./mailbox-address";
import { maxDisplayNameLength } from "./mailbox-schemas";
import { detectSeparator, readCsvRecords, type CsvSeparator } from "@/lib/csv/read-csv-records";

export const mailboxCsvLimits = { maxBytes: 1024 * 1024, maxRows: 5000 } as const;

export const mailboxCsvColumns = ["address", "display_name", "configuration", "members"] as const;
type Column = (typeof mailboxCsvColumns)[number];
const requiredColumns: readonly Column[] = ["address", "configuration"];

/** Why a file or a row is refused: a catalog key, translated where it is shown. */
export interface CsvProblem {
  key: MessageKey;
  vars?: MessageVars;
}

export interface MailboxCsvRow {
  /** The row number a spreadsheet shows; the header is row 1. */
  row: number;
  /** Normalized when valid, as written otherwise (for the report). */
  address: string;
  displayName: string;
  configuration: string;
  /** Lower-cased addresses of the members to assign. */
  members: string[];
  problems: CsvProblem[];
}

export type ParsedMailboxCsv =
  { ok: true; separator: CsvSeparator; rows: MailboxCsvRow[] } | { ok: false; error: CsvProblem };

const fail = (key: MessageKey, vars?: MessageVars): ParsedMailboxCsv => ({ ok: false, error: { key, vars } });

/** UTF-8 with or without a byte order mark; anything else is refused rather than misread. */
function decode(input: Uint8Array | string): string | null {
  if (typeof input === "string") return input.replace(/^\uFEFF/, "");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    return null;
  }
}

const headerName = (cell: string) =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/**
 * Reads a mailbox import file (columns address, display_name, configuration,
 * members) and checks what can be checked without the database: address
 * syntax, duplicates within the file, lengths. Each row carries its problems.
 */
export function parseMailboxCsv(input: Uint8Array | string): ParsedMailboxCsv {
  const size = typeof input === "string" ? new TextEncoder().encode(input).length : input.length;
  if (size > mailboxCsvLimits.maxBytes) return fail("mailboxes.import.errors.tooLarge");
  const text = decode(input);
  if (text === null) return fail("mailboxes.import.errors.notUtf8");
  const separator = detectSeparator(text);
  const read = readCsvRecords(text, separator);
  if (!read.ok) return fail("mailboxes.import.errors.unclosedQuote", { row: read.unclosedQuoteAt });
  const [header, ...records] = read.records;
  if (!header || header.every((cell) => cell.trim() === "")) return fail("mailboxes.import.errors.empty");

  const names = header.map(headerName);
  const index = new Map<Column, number>();
  for (const [position, name] of names.entries()) {
    const column = mailboxCsvColumns.find((c) => c === name);
    if (!column)
      return fail("mailboxes.import.errors.unknownColumn", { column: (header[position] ?? "").trim() });
    if (index.has(column)) return fail("mailboxes.import.errors.duplicateColumn", { column });
    index.set(column, position);
  }
  const absent = requiredColumns.find((column) => !index.has(column));
  if (absent) return fail("mailboxes.import.errors.missingColumn", { column: absent });

  const cell = (record: string[], column: Column) => {
    const position = index.get(column);
    return position === undefined ? "" : (record[position] ?? "").trim();
  };
  const rows: MailboxCsvRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [offset, record] of records.entries()) {
    if (record.every((value) => value.trim() === "")) continue;
    if (rows.length === mailboxCsvLimits.maxRows) {
      return fail("mailboxes.import.errors.tooManyRows", { max: mailboxCsvLimits.maxRows });
    }
    rows.push(readRow(offset + 2, record, cell, header.length, firstRowOf));
  }
  if (rows.length === 0) return fail("mailboxes.import.errors.noRows");
  return { ok: true, separator, rows };
}

function readRow(
  row: number,
  record: string[],
  cell: (record: string[], column: Column) => string,
  columnCount: number,
  firstRowOf: Map<string, number>,
): MailboxCsvRow {
  const problems: CsvProblem[] = [];
  if (record.length > columnCount) problems.push({ key: "mailboxes.import.problems.tooManyFields" });
  const written = cell(record, "address");
  const address = normalizeMailboxAddress(written);
  if (!written) problems.push({ key: "mailboxes.import.problems.addressMissing" });
  else if (!address) problems.push({ key: "mailboxes.import.problems.addressInvalid" });
  if (address) {
    const first = firstRowOf.get(address);
    if (first !== undefined)
      problems.push({ key: "mailboxes.import.problems.duplicateInFile", vars: { row: first } });
    else firstRowOf.set(address, row);
  }
  const displayName = cell(record, "display_name");
  if (displayName.length > maxDisplayNameLength)
    problems.push({ key: "mailboxes.import.problems.nameTooLong" });
  const configuration = cell(record, "configuration");
  if (!configuration) problems.push({ key: "mailboxes.import.problems.configurationMissing" });
  const members = [
    ...new Set(
      cell(record, "members")
        .split(/[;,]/)
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  return { row, address: address ?? written, displayName, configuration, members, problems };
}
