import type { Prisma } from "@/lib/db/generated/client";

// A spreadsheet runs a cell that begins with one of these as a formula
// (CSV injection): an actor's name or a target's label is typed by people.
const formulaStart = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180), made inert for spreadsheets: a leading apostrophe before a formula. */
export function csvCell(value: string | null | undefined): string {
  let cell = value ?? "";
  if (formulaStart.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV record, ended by CRLF as RFC 4180 asks. */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Fixed English column names, so that a script reading the export need not know the language. */
export const auditCsvColumns = [
  "time_utc",
  "actor",
  "action",
  "target_type",
  "target_id",
  "target",
  "ip",
  "details",
] as const;

export interface AuditCsvEntry {
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  ip: string | null;
  details: Prisma.JsonValue;
}

export function auditEntryCsvLine(entry: AuditCsvEntry): string {
  return csvLine([
    entry.createdAt.toISOString(),
    entry.actorLabel,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.targetLabel,
    entry.ip,
    entry.details === null ? "" : JSON.stringify(entry.details),
  ]);
}
