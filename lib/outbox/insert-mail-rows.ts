import { NAMED_SQL_NOW } from "@/lib/db/named-sql";
import { processSql } from "@/lib/db/process-sql";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import type { outgoingMailRow } from "./outgoing-mail-row";

/** A new mail's row (outgoing-mail-row.ts), with its id. */
export type NewMailRow = ReturnType<typeof outgoingMailRow> & { id: string };

export type InsertedMail = { id: string; status: OutgoingMailStatus; messageId: string };

/**
 * Every column of a new mail without attachments, as one JSON document: one
 * statement (named, so planned once per connection) writes one mail or a
 * whole batch, and it is committed when it returns.
 */
const INSERT_ROWS = `
  INSERT INTO "OutgoingMail" (id, "tenantId", "mailboxId", "messageId", "idempotencyKey", source,
                              "createdById", "apiKeyId", "fromName", "to", cc, bcc, subject, text, html,
                              "sizeBytes", "recipientCount", status, "lastError", "nextAttemptAt",
                              "createdAt", "updatedAt")
  SELECT r.id, r."tenantId", r."mailboxId", r."messageId", r."idempotencyKey", r.source,
         r."createdById", r."apiKeyId", r."fromName", r."to", r.cc, r.bcc, r.subject, r.text, r.html,
         r."sizeBytes", r."recipientCount", r.status::"OutgoingMailStatus", r."lastError",
         r."nextAttemptAt" AT TIME ZONE 'UTC', ${NAMED_SQL_NOW}, ${NAMED_SQL_NOW}
    FROM jsonb_to_recordset($1::jsonb) AS r(
           id uuid, "tenantId" uuid, "mailboxId" uuid, "messageId" text, "idempotencyKey" text, source text,
           "createdById" uuid, "apiKeyId" uuid, "fromName" text, "to" text[], cc text[], bcc text[],
           subject text, text text, html text, "sizeBytes" int, "recipientCount" int, status text,
           "lastError" text, "nextAttemptAt" timestamptz)
  RETURNING id::text AS id, status::text AS status, "messageId"`;

/** Writes new mails without attachments in one statement; their ids, statuses and Message-IDs, in order. */
export async function insertMailRows(rows: NewMailRow[]): Promise<InsertedMail[]> {
  if (rows.length === 0) return [];
  const sql = await processSql();
  const inserted = await sql.query<InsertedMail>("insert_mail_rows", INSERT_ROWS, [JSON.stringify(rows)]);
  // RETURNING follows the rows' order for an INSERT … SELECT of one set-returning function; by id to be sure.
  const byId = new Map(inserted.map((row) => [row.id, row]));
  return rows.map((row) => byId.get(row.id)!);
}
