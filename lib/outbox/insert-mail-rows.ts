import { NAMED_SQL_NOW } from "@/lib/db/named-sql";
import { processSql } from "@/lib/db/process-sql";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import type { outgoingMailRow } from "./outgoing-mail-row";
import { renderQueuedMessage } from "./render-message";

/** A new mail's row (outgoing-mail-row.ts), with its id. */
export type NewMailRow = ReturnType<typeof outgoingMailRow> & { id: string };

export type InsertedMail = { id: string; status: OutgoingMailStatus; messageId: string };

/**
 * Every column of a new mail without attachments, its message built (raw, as
 * text: nodemailer writes it from strings), as one JSON document: one
 * statement (named, so planned once per connection) writes one mail or a
 * whole batch, and it is committed when it returns. The statement decides,
 * at that instant, what an earlier read could have left stale: the mailbox
 * is not revoked (and its name and whether it can send now: queued, or held
 * with the reason, as outgoingMailRow decides for the other path), and a
 * key's mail still has its key unrevoked, holding that mailbox, in a school
 * that is not suspended. A row that fails these is not written, and is
 * missing from the answer.
 */
const INSERT_ROWS = `
  INSERT INTO "OutgoingMail" (id, "tenantId", "mailboxId", "messageId", "idempotencyKey", source,
                              "createdById", "apiKeyId", "fromName", "to", cc, bcc, subject, text, html, raw,
                              "sizeBytes", "recipientCount", status, "lastError", "nextAttemptAt",
                              "createdAt", "updatedAt")
  SELECT r.id, r."tenantId", r."mailboxId", r."messageId", r."idempotencyKey", r.source,
         r."createdById", r."apiKeyId", m."displayName", r."to", r.cc, r.bcc, r.subject, r.text, r.html,
         convert_to(r.raw, 'UTF8'), r."sizeBytes", r."recipientCount",
         (CASE WHEN m.state = 'connected' AND (m."pausedUntil" IS NULL OR m."pausedUntil" <= ${NAMED_SQL_NOW})
               THEN 'queued' ELSE 'held' END)::"OutgoingMailStatus",
         CASE WHEN m.state <> 'connected' THEN 'mailbox_' || m.state::text
              WHEN m."pausedUntil" > ${NAMED_SQL_NOW} THEN 'mailbox_paused' END,
         r."nextAttemptAt" AT TIME ZONE 'UTC', ${NAMED_SQL_NOW}, ${NAMED_SQL_NOW}
    FROM jsonb_to_recordset($1::jsonb) AS r(
           id uuid, "tenantId" uuid, "mailboxId" uuid, "messageId" text, "idempotencyKey" text, source text,
           "createdById" uuid, "apiKeyId" uuid, "to" text[], cc text[], bcc text[],
           subject text, text text, html text, raw text, "sizeBytes" int, "recipientCount" int, "nextAttemptAt" timestamptz)
    JOIN "Mailbox" m ON m."tenantId" = r."tenantId" AND m.id = r."mailboxId" AND m.state <> 'revoked'
   WHERE r."apiKeyId" IS NULL
      OR EXISTS (SELECT 1 FROM "ApiKeyMailbox" km
                   JOIN "ApiKey" k ON k."tenantId" = km."tenantId" AND k.id = km."apiKeyId" AND k."revokedAt" IS NULL
                   JOIN "Tenant" t ON t.id = k."tenantId" AND t."suspendedAt" IS NULL
                  WHERE km."tenantId" = r."tenantId" AND km."apiKeyId" = r."apiKeyId" AND km."mailboxId" = r."mailboxId")
  RETURNING id::text AS id, status::text AS status, "messageId"`;

// Half of a surrogate pair (text cut in the middle of an emoji) is written as U+FFFD, as it was when it
// went to the database as UTF-8: JSON would carry it as `\udXXX`, which PostgreSQL's jsonb refuses.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// The message is left alone: it was written as UTF-8 from these strings, lone halves already U+FFFD.
const wellFormed = (key: string, value: unknown) =>
  typeof value === "string" && key !== "raw" ? value.replace(LONE_SURROGATE, "\uFFFD") : value;

/**
 * Mails up to this size (their fields') have their message built when queued. Building is
 * synchronous, about 36 ms per MiB on the portal's event loop: a bigger mail is built when
 * sent, by the worker, as a mail with attachments is.
 */
export const BUILT_WHEN_QUEUED_BYTES = 1024 * 1024;

/**
 * The row's message as the queue keeps it (render-message.ts), from its
 * mailbox's address; null for a mail too big to be built now.
 */
export function queuedMessageOf(row: NewMailRow, fromAddress: string): Buffer | null {
  if (row.sizeBytes > BUILT_WHEN_QUEUED_BYTES) return null;
  return renderQueuedMessage({
    from: { name: row.fromName, address: fromAddress },
    to: row.to,
    cc: row.cc,
    subject: row.subject,
    text: row.text ?? undefined,
    html: row.html ?? undefined,
    messageId: row.messageId,
  });
}

/**
 * Writes new mails without attachments in one statement, each with its
 * message built (`fromAddresses`: each row's mailbox's address): for each
 * row, in order, its id, status and Message-ID, or null when the statement's
 * checks refused it (its mailbox revoked, its key revoked or no longer
 * holding the mailbox, its school suspended, since it was read).
 */
export async function insertMailRows(
  rows: NewMailRow[],
  fromAddresses: readonly string[],
): Promise<(InsertedMail | null)[]> {
  if (rows.length === 0) return [];
  const documents = rows.map((row, i) => ({
    ...row,
    raw: queuedMessageOf(row, fromAddresses[i]!)?.toString("utf8") ?? null,
  }));
  const sql = await processSql();
  const inserted = await sql.query<InsertedMail>("insert_mail_rows", INSERT_ROWS, [
    JSON.stringify(documents, wellFormed),
  ]);
  const byId = new Map(inserted.map((row) => [row.id, row]));
  return rows.map((row) => byId.get(row.id) ?? null);
}
