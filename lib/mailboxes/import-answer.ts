import type { Translator } from "@/lib/i18n/translate";
import type { MailboxImportResult } from "./import-mailboxes-csv";
import { mailboxCsvLimits } from "./parse-mailbox-csv";

/** What the import page shows, already in the person's language. */
export type ImportAnswer =
  | { outcome: "imported"; count: number; message: string }
  | { outcome: "file_refused"; message: string; reason: string }
  | {
      outcome: "rows_refused";
      message: string;
      rows: { row: number; address: string; reasons: string[] }[];
    }
  | { outcome: "error"; message: string };

export function importAnswerOf(t: Translator, result: MailboxImportResult): ImportAnswer {
  switch (result.outcome) {
    case "imported":
      return { ...result, message: t("mailboxes.import.imported", { count: result.count }) };
    case "file_refused":
      return {
        outcome: "file_refused",
        message: t("mailboxes.import.fileRefused"),
        reason: t(result.problem.key, result.problem.vars),
      };
    case "rows_refused":
      return {
        outcome: "rows_refused",
        message: t("mailboxes.import.refused", { count: result.refused.length, total: result.rowCount }),
        rows: result.refused.map(({ row, address, problems }) => ({
          row,
          address,
          reasons: problems.map((p) => t(p.key, p.vars)),
        })),
      };
  }
}

/**
 * The request body, or null once it passes the import limit (Content-Length
 * may be absent or wrong, so the stream itself is counted). The default is a
 * little over the mailbox file limit: its parser gives the precise "too large"
 * answer. Other uploads (the migration planner's report) pass their own.
 */
export async function readImportBody(
  request: Request,
  cap = mailboxCsvLimits.maxBytes + 1,
): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > cap) return null;
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
