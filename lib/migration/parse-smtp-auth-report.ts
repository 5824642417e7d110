import type { MessageKey } from "@/lib/i18n/catalog";
import { detectSeparator, readCsvRecords } from "@/lib/csv/read-csv-records";
import { normalizeRecipient } from "@/lib/outbox/mail-address";

/** One sender of an Exchange "SMTP AUTH clients" report, merged when the export lists it more than once. */
export type ReportLine = {
  address: string;
  domain: string;
  messages: number;
  tls10Percent: number;
  tls11Percent: number;
  tls12Percent: number;
  auth: "basic" | "oauth" | "unknown";
};

export type ReportProblem = { line: number | null; key: MessageKey; vars?: Record<string, string | number> };

export type ParsedReport = { ok: true; lines: ReportLine[] } | { ok: false; problems: ReportProblem[] };

type Column = "address" | "domain" | "messages" | "tls10" | "tls11" | "tls12" | "auth";

export const MAX_REPORT_LINES = 20_000;
const MAX_PROBLEMS = 50;

/** "Sender address", "SENDER_ADDRESS", " sender address " all read "senderaddress"; "TLS 1.0 (%)" reads "tls10". */
function normalizeHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function columnOf(header: string): Column | null {
  if (
    /^(sender|senderaddress|senderemail|senderemailaddress|emailaddress|address|sendermailaddress)$/.test(
      header,
    )
  )
    return "address";
  if (/^(domain|senderdomain)$/.test(header)) return "domain";
  if (/^(messagessent|messages|messagecount|messagessentcount|count|totalmessages)$/.test(header))
    return "messages";
  if (/^tls10/.test(header)) return "tls10";
  if (/^tls11/.test(header)) return "tls11";
  if (/^tls12/.test(header)) return "tls12";
  if (
    /^(auth|authentication|authenticationprotocol|authprotocol|authtype|authenticationtype|authenticationmethod)$/.test(
      header,
    )
  )
    return "auth";
  return null;
}

const REQUIRED: Column[] = ["address", "messages", "tls10", "tls11", "tls12"];

/** "12.5", "12,5", "12.5 %", "" (none): a share from 0 to 100, or null when it is not one. */
function percent(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0%]/g, "").replace(",", ".");
  if (text === "") return 0;
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return value <= 100 ? value : null;
}

/** "1234", "1 234", "1,234", "1.234": a whole number of messages, or null ("12.5" is not one). */
function count(raw: string): number | null {
  const text = raw.trim();
  const grouped = /^\d{1,3}(?:[\s\u00a0,.']\d{3})+$/.test(text);
  const digits = grouped ? text.replace(/[\s\u00a0,.']/g, "") : text;
  if (!/^\d{1,9}$/.test(digits)) return null;
  return Number(digits);
}

function authOf(raw: string | undefined): ReportLine["auth"] {
  const text = (raw ?? "").toLowerCase();
  if (text.includes("basic")) return "basic";
  if (text.includes("oauth") || text.includes("modern")) return "oauth";
  return "unknown";
}

/** Two lines of one sender (a report cut by day): messages added, TLS shares weighted, Basic if either used it. */
function merge(a: ReportLine, b: ReportLine): ReportLine {
  const total = a.messages + b.messages;
  const share = (x: number, y: number) =>
    total === 0 ? Math.max(x, y) : (x * a.messages + y * b.messages) / total;
  const auth =
    a.auth === "basic" || b.auth === "basic"
      ? "basic"
      : a.auth === "oauth" || b.auth === "oauth"
        ? "oauth"
        : "unknown";
  return {
    ...a,
    messages: total,
    tls10Percent: share(a.tls10Percent, b.tls10Percent),
    tls11Percent: share(a.tls11Percent, b.tls11Percent),
    tls12Percent: share(a.tls12Percent, b.tls12Percent),
    auth,
  };
}

/**
 * Reads the CSV the Exchange admin center exports from Reports > Mail flow >
 * SMTP AUTH clients. Columns are found by their header, whatever their order,
 * case, spacing or a byte-order mark; unknown columns are ignored. Every bad
 * line is reported with its number, and then nothing is imported.
 */
export function parseSmtpAuthReport(text: string): ParsedReport {
  const content = text.replace(/^\uFEFF/, "");
  if (content.trim() === "") return { ok: false, problems: [{ line: null, key: "migration.errors.empty" }] };
  const read = readCsvRecords(content, detectSeparator(content));
  if (!read.ok) {
    return {
      ok: false,
      problems: [
        {
          line: read.unclosedQuoteAt,
          key: "migration.errors.unclosedQuote",
          vars: { line: read.unclosedQuoteAt },
        },
      ],
    };
  }
  const [header = [], ...records] = read.records;
  const columns = new Map<Column, number>();
  header.forEach((raw, index) => {
    const column = columnOf(normalizeHeader(raw));
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: [{ line: 1, key: "migration.errors.missingColumns", vars: { columns: missing.join(", ") } }],
    };
  }
  const problems: ReportProblem[] = [];
  const byAddress = new Map<string, ReportLine>();
  const field = (record: string[], column: Column) => {
    const index = columns.get(column);
    return index === undefined ? undefined : (record[index] ?? "").trim();
  };
  records.forEach((record, index) => {
    const line = index + 2;
    if (record.every((value) => value.trim() === "")) return;
    const rawAddress = field(record, "address") ?? "";
    const address = normalizeRecipient(rawAddress)?.toLowerCase();
    const messages = count(field(record, "messages") ?? "");
    const shares = (["tls10", "tls11", "tls12"] as const).map((column) =>
      percent(field(record, column) ?? ""),
    );
    if (!address)
      problems.push({ line, key: "migration.errors.badAddress", vars: { value: rawAddress.slice(0, 80) } });
    else if (messages === null)
      problems.push({
        line,
        key: "migration.errors.badCount",
        vars: { value: (field(record, "messages") ?? "").slice(0, 40) },
      });
    else if (shares.some((share) => share === null))
      problems.push({ line, key: "migration.errors.badPercent" });
    if (problems.length >= MAX_PROBLEMS || !address || messages === null || shares.some((s) => s === null))
      return;
    const parsed: ReportLine = {
      address,
      domain: (field(record, "domain") || address.slice(address.lastIndexOf("@") + 1)).toLowerCase(),
      messages,
      tls10Percent: shares[0]!,
      tls11Percent: shares[1]!,
      tls12Percent: shares[2]!,
      auth: authOf(field(record, "auth")),
    };
    const earlier = byAddress.get(address);
    byAddress.set(address, earlier ? merge(earlier, parsed) : parsed);
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  if (byAddress.size === 0)
    return { ok: false, problems: [{ line: null, key: "migration.errors.noSender" }] };
  if (byAddress.size > MAX_REPORT_LINES) {
    return {
      ok: false,
      problems: [{ line: null, key: "migration.errors.tooManyLines", vars: { max: MAX_REPORT_LINES } }],
    };
  }
  return { ok: true, lines: [...byAddress.values()] };
}
