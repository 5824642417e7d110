import { randomUUID } from "node:crypto";
import type { PreparedMessage } from "./prepare-message";
import { withNewMessageId } from "./prepare-message";
import type { RelayReason } from "@/lib/relay-protocol/relay-replies";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { isDataException, RELAY_NOW, type RelaySql } from "./relay-sql";
import type { SessionCredential } from "./relay-credential-session";
import { dayIn, knownTimeZone } from "@/lib/i18n/dates/time-zones";

export type QueuedRelayMail = { id: string; status: "queued" | "held"; duplicate: boolean };
export type RelayQueueRefusal = { refused: RelayReason; detail: string };

type Row = { id: string; status: "queued" | "held" };

// The school's day ($15): a cap of 200 a day starts again at its own midnight, not at the UTC one.
// Worked out here from the school's zone (as the session read it at login) by the same calendar as its
// pages, not by PostgreSQL's `AT TIME ZONE`, whose zone names can differ from Node's.
const SCHOOL_TODAY = `$15::date`;

// What the new row holds, from the parameters and the mailbox `b`; shared by both statements below.
const NEW_ROW = `
  $1::uuid, b."tenantId", b.id, $2, 'relay', c.id, $3, $4, $5::text[], $6::text[], $7::text[], $8,
  $9::int, $10::int,
  (CASE WHEN b.state = 'connected' AND (b."pausedUntil" IS NULL OR b."pausedUntil" <= ${RELAY_NOW})
        THEN 'queued' ELSE 'held' END)::"OutgoingMailStatus",
  CASE WHEN b.state <> 'connected' THEN 'mailbox_' || b.state::text
       WHEN b."pausedUntil" > ${RELAY_NOW} THEN 'mailbox_paused' END,
  ${RELAY_NOW}, $11::bytea, ${RELAY_NOW}, ${RELAY_NOW}`;

const COLUMNS = `(id, "tenantId", "mailboxId", "messageId", source, "relayCredentialId", "clientIp",
  "fromName", "to", cc, bcc, subject, "sizeBytes", "recipientCount", status,
  "lastError", "nextAttemptAt", raw, "createdAt", "updatedAt")`;

/**
 * Queues a relayed message in one statement, so that it is committed when the
 * statement returns and the relay may answer 250. The statement itself
 * re-checks, at that instant, what the session's login saw: the credential is
 * not revoked and still holds the mailbox, and the mailbox is not revoked; and
 * it holds the mail when the mailbox cannot send now (needs reconnecting,
 * paused), as for the portal's own mail.
 */
const INSERT_RELAYED = `
  INSERT INTO "OutgoingMail" ${COLUMNS}
  SELECT ${NEW_ROW}
    FROM "RelayCredential" c
    JOIN "RelayCredentialMailbox" cm ON cm."tenantId" = c."tenantId" AND cm."credentialId" = c.id
    JOIN "Mailbox" b ON b."tenantId" = cm."tenantId" AND b.id = cm."mailboxId"
    JOIN "Tenant" t ON t.id = c."tenantId" AND t."suspendedAt" IS NULL
   WHERE c.id = $12::uuid AND c."tenantId" = $13::uuid AND c."revokedAt" IS NULL
     AND b.id = $14::uuid AND b.state <> 'revoked'
  RETURNING id::text AS id, status::text AS status`;

/**
 * The same for a credential with a daily cap: the statement first takes one of
 * the day's slots on the credential's own row (its counter, under the row's
 * lock), so that concurrent sessions, in any number of relay processes, wait
 * for each other and never pass the cap together. The slot is taken only when
 * the mail can be written, and goes with it if the statement fails. The day is
 * the school's, in its time zone.
 */
const INSERT_CAPPED = `
  WITH slot AS (
    UPDATE "RelayCredential" c
       -- Forward only: a school moved to a zone where today is an earlier date keeps counting its day.
       SET "capCount" = CASE WHEN c."capDay" >= ${SCHOOL_TODAY} THEN c."capCount" + 1 ELSE 1 END,
           "capDay" = GREATEST(c."capDay", ${SCHOOL_TODAY})
      FROM "Tenant" t
     WHERE c.id = $12::uuid AND c."tenantId" = $13::uuid AND c."revokedAt" IS NULL
       AND t.id = c."tenantId" AND t."suspendedAt" IS NULL
       AND (c."dailyCap" IS NULL OR c."capDay" IS NULL OR c."capDay" < ${SCHOOL_TODAY}
            OR c."capCount" < c."dailyCap")
       AND EXISTS (SELECT 1 FROM "RelayCredentialMailbox" cm
                     JOIN "Mailbox" m ON m."tenantId" = cm."tenantId" AND m.id = cm."mailboxId"
                    WHERE cm."tenantId" = c."tenantId" AND cm."credentialId" = c.id
                      AND cm."mailboxId" = $14::uuid AND m.state <> 'revoked')
    RETURNING c.id, c."tenantId")
  INSERT INTO "OutgoingMail" ${COLUMNS}
  SELECT ${NEW_ROW}
    FROM slot c
    JOIN "Mailbox" b ON b."tenantId" = c."tenantId" AND b.id = $14::uuid
  RETURNING id::text AS id, status::text AS status`;

async function insertRelayed(
  sql: RelaySql,
  credential: SessionCredential,
  mailboxId: string,
  message: PreparedMessage,
  clientIp: string,
): Promise<Row | null> {
  const capped = credential.dailyCap !== null;
  const [row] = await sql.query<Row>(
    capped ? "queue_capped" : "queue",
    capped ? INSERT_CAPPED : INSERT_RELAYED,
    [
      randomUUID(),
      message.messageId,
      clientIp,
      message.fromName,
      message.to,
      message.cc,
      message.bcc,
      message.subject,
      message.raw.length,
      recipientCount(message),
      message.raw,
      credential.id,
      credential.tenantId,
      mailboxId,
      ...(capped ? [dayIn(knownTimeZone(credential.timeZone), new Date())] : []),
    ],
  );
  return row ?? null;
}

/** Distinct recipients, as the outbox counts them. */
export function recipientCount(message: PreparedMessage): number {
  return new Set([...message.to, ...message.cc, ...message.bcc].map((a) => a.toLowerCase())).size;
}

/** Why nothing was inserted: told apart after the fact, only on this rare path. */
export async function whyRefused(
  sql: RelaySql,
  credential: SessionCredential,
  mailboxId: string,
): Promise<RelayQueueRefusal> {
  const [row] = await sql.query<{
    revoked: boolean;
    suspended: boolean;
    dailyCap: number | null;
    address: string | null;
    state: string | null;
  }>(
    "why_refused",
    `SELECT c."revokedAt" IS NOT NULL AS revoked, t."suspendedAt" IS NOT NULL AS suspended, c."dailyCap",
            b.address, b.state::text AS state
       FROM "RelayCredential" c
       JOIN "Tenant" t ON t.id = c."tenantId"
       LEFT JOIN "RelayCredentialMailbox" cm
              ON cm."tenantId" = c."tenantId" AND cm."credentialId" = c.id AND cm."mailboxId" = $3::uuid
       LEFT JOIN "Mailbox" b ON b."tenantId" = cm."tenantId" AND b.id = cm."mailboxId"
      WHERE c.id = $1::uuid AND c."tenantId" = $2::uuid`,
    [credential.id, credential.tenantId, mailboxId],
  );
  if (!row || row.revoked) return { refused: "revoked", detail: "" };
  if (row.suspended) return { refused: "tenant_suspended", detail: "" };
  if (!row.address) return { refused: "sender_not_allowed", detail: "" };
  if (row.state === "revoked") return { refused: "mailbox_revoked", detail: row.address };
  return { refused: "daily_cap", detail: String(row.dailyCap ?? "") };
}

/**
 * A device that lost our 250 sends the same message again, with the same
 * Message-ID, soon after: that is the mail already queued, not a second one,
 * when the bytes are the same and it came in the last day. A Message-ID used
 * again for anything else (another sender, or a device that writes a constant
 * one, like a daily "toner low" alert) gets a new Message-ID instead: nothing
 * is dropped.
 */
async function sameMessageQueued(sql: RelaySql, credential: SessionCredential, message: PreparedMessage) {
  const [existing] = await sql.query<{ id: string; status: string }>(
    "same_message",
    `SELECT id::text AS id, status::text AS status
       FROM "OutgoingMail"
      WHERE "messageId" = $1 AND "tenantId" = $2::uuid AND "relayCredentialId" = $3::uuid
        AND raw = $4::bytea AND "createdAt" > ${RELAY_NOW} - interval '1 day'`,
    [message.messageId, credential.tenantId, credential.id, message.raw],
  );
  return existing ?? null;
}

export async function queueRelayedMail(
  sql: RelaySql,
  credential: SessionCredential,
  mailbox: { id: string; address: string },
  message: PreparedMessage,
  clientIp: string,
): Promise<QueuedRelayMail | RelayQueueRefusal> {
  let prepared = message;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const row = await insertRelayed(sql, credential, mailbox.id, prepared, clientIp);
      if (!row) return whyRefused(sql, credential, mailbox.id);
      return { ...row, duplicate: false };
    } catch (error) {
      // A value PostgreSQL refuses is this message's fault: a permanent refusal, not a 421 forever.
      if (isDataException(error))
        return { refused: "bad_message", detail: "it holds text the outbox cannot store" };
      if (!isUniqueViolation(error)) throw error;
      const existing = prepared.messageIdFromDevice
        ? await sameMessageQueued(sql, credential, prepared)
        : null;
      if (existing) {
        return { id: existing.id, status: existing.status === "held" ? "held" : "queued", duplicate: true };
      }
      prepared = withNewMessageId(prepared, mailbox.address);
    }
  }
  throw new Error("relay: could not give the message a unique Message-ID");
}
