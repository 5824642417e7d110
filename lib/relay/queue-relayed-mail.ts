import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { SQL_NOW } from "@/lib/worker/sql-now";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import type { PreparedMessage } from "./prepare-message";
import { withNewMessageId } from "./prepare-message";
import type { RelayReason } from "./relay-replies";
import type { SessionCredential } from "./relay-credential-session";

export type QueuedRelayMail = { id: string; status: "queued" | "held"; duplicate: boolean };
export type RelayQueueRefusal = { refused: RelayReason; detail: string };

type Row = { id: string; status: "queued" | "held" };

/**
 * Queues a relayed message in one statement, so that it is committed when the
 * statement returns and the relay may answer 250. The statement itself
 * re-checks, at that instant, what the session's login saw: the credential is
 * not revoked and still holds the mailbox, the mailbox is not revoked, and the
 * daily cap is not reached; and it holds the mail when the mailbox cannot send
 * now (needs reconnecting, paused), as for the portal's own mail.
 */
async function insertRelayed(
  db: Db,
  credential: SessionCredential,
  mailboxId: string,
  message: PreparedMessage,
  clientIp: string,
): Promise<Row | null> {
  const id = randomUUID();
  const recipientCount = new Set([...message.to, ...message.cc, ...message.bcc].map((a) => a.toLowerCase()))
    .size;
  const rows = await db.$queryRaw<Row[]>`
    INSERT INTO "OutgoingMail" (id, "tenantId", "mailboxId", "messageId", source, "relayCredentialId", "clientIp",
                                "fromName", "to", cc, bcc, subject, "sizeBytes", "recipientCount", status,
                                "lastError", "nextAttemptAt", raw, "createdAt", "updatedAt")
    SELECT ${id}::uuid, b."tenantId", b.id, ${message.messageId}, 'relay', c.id, ${clientIp},
           ${message.fromName}, ${message.to}::text[], ${message.cc}::text[], ${message.bcc}::text[],
           ${message.subject}, ${message.raw.length}::int, ${recipientCount}::int,
           (CASE WHEN b.state = 'connected' AND (b."pausedUntil" IS NULL OR b."pausedUntil" <= ${SQL_NOW})
                 THEN 'queued' ELSE 'held' END)::"OutgoingMailStatus",
           CASE WHEN b.state <> 'connected' THEN 'mailbox_' || b.state::text
                WHEN b."pausedUntil" > ${SQL_NOW} THEN 'mailbox_paused' END,
           ${SQL_NOW}, ${message.raw}, ${SQL_NOW}, ${SQL_NOW}
      FROM "RelayCredential" c
      JOIN "RelayCredentialMailbox" cm ON cm."tenantId" = c."tenantId" AND cm."credentialId" = c.id
      JOIN "Mailbox" b ON b."tenantId" = cm."tenantId" AND b.id = cm."mailboxId"
     WHERE c.id = ${credential.id}::uuid AND c."tenantId" = ${credential.tenantId}::uuid
       AND c."revokedAt" IS NULL AND b.id = ${mailboxId}::uuid AND b.state <> 'revoked'
       AND (c."dailyCap" IS NULL OR c."dailyCap" > (
             SELECT count(*) FROM "OutgoingMail" o
              WHERE o."tenantId" = c."tenantId" AND o."relayCredentialId" = c.id
                AND o."createdAt" > ${SQL_NOW} - interval '1 day'))
    RETURNING id::text AS id, status::text AS status`;
  return rows[0] ?? null;
}

/** Why nothing was inserted: told apart after the fact, only on this rare path. */
async function whyRefused(
  db: Db,
  credential: SessionCredential,
  mailboxId: string,
): Promise<RelayQueueRefusal> {
  const row = await db.relayCredential.findFirst({
    where: { id: credential.id, tenantId: credential.tenantId },
    select: {
      revokedAt: true,
      dailyCap: true,
      mailboxes: { where: { mailboxId }, select: { mailbox: { select: { address: true, state: true } } } },
    },
  });
  if (!row || row.revokedAt) return { refused: "revoked", detail: "" };
  const mailbox = row.mailboxes[0]?.mailbox;
  if (!mailbox) return { refused: "sender_not_allowed", detail: "" };
  if (mailbox.state === "revoked") return { refused: "mailbox_revoked", detail: mailbox.address };
  return { refused: "daily_cap", detail: String(row.dailyCap ?? "") };
}

/**
 * A device that lost our 250 sends the same message again, with the same
 * Message-ID: that is the mail already queued, not a second one. A Message-ID
 * already used for a different message (another sender, or a device that
 * writes a constant one) gets a new Message-ID instead: nothing is dropped.
 */
async function sameMessageQueued(db: Db, credential: SessionCredential, message: PreparedMessage) {
  const existing = await db.outgoingMail.findFirst({
    where: { messageId: message.messageId, tenantId: credential.tenantId, relayCredentialId: credential.id },
    select: { id: true, status: true, sizeBytes: true, subject: true, to: true, cc: true, bcc: true },
  });
  if (!existing) return null;
  const same =
    existing.sizeBytes === message.raw.length &&
    existing.subject === message.subject &&
    [...existing.to, ...existing.cc, ...existing.bcc].join(",") ===
      [...message.to, ...message.cc, ...message.bcc].join(",");
  return same ? existing : null;
}

export async function queueRelayedMail(
  db: Db,
  credential: SessionCredential,
  mailbox: { id: string; address: string },
  message: PreparedMessage,
  clientIp: string,
): Promise<QueuedRelayMail | RelayQueueRefusal> {
  let prepared = message;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const row = await insertRelayed(db, credential, mailbox.id, prepared, clientIp);
      if (!row) return whyRefused(db, credential, mailbox.id);
      return { ...row, duplicate: false };
    } catch (error) {
      if (!isUniqueViolation(error) && !isRawUniqueViolation(error)) throw error;
      const existing = prepared.messageIdFromDevice
        ? await sameMessageQueued(db, credential, prepared)
        : null;
      if (existing) {
        return { id: existing.id, status: existing.status === "held" ? "held" : "queued", duplicate: true };
      }
      prepared = withNewMessageId(prepared, mailbox.address);
    }
  }
  throw new Error("relay: could not give the message a unique Message-ID");
}

/** A raw query's unique violation arrives as a driver error (code 23505), not as Prisma's P2002. */
function isRawUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? "");
  const meta = (
    error as {
      meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
    }
  )?.meta;
  return (
    meta?.code === "23505" ||
    meta?.driverAdapterError?.cause?.originalCode === "23505" ||
    meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    /23505|unique constraint/i.test(text)
  );
}
