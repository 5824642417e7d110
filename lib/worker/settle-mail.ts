import { getDb } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { SQL_NOW } from "./sql-now";

export type MailChange = {
  status: Exclude<OutgoingMailStatus, "sending">;
  lastError: string | null;
  /** Sent: the server's answer. */
  smtpResponse?: string;
  /** Back in the queue: when to try again (else unchanged). */
  nextAttemptAt?: Date;
  /** Not an attempt at sending (held before trying, waiting for a slot): give back the claim's count. */
  notAnAttempt?: boolean;
};

export type AttemptRecord = {
  tenantId: string;
  number: number;
  startedAt: Date;
  outcome: "sent" | "temporary" | "permanent" | "auth" | "quota" | "config" | "held";
  smtpCode?: number | null;
  smtpResponse?: string | null;
};

/**
 * Moves a leased mail out of `sending` in one statement, only while this
 * worker still holds the lease, and records the attempt in the same
 * statement. A worker whose lease expired and was taken records `lease_lost`
 * and changes nothing else. Returns whether the change applied.
 */
export async function settleMail(
  mailId: string,
  workerId: string,
  change: MailChange,
  attempt: AttemptRecord | null,
): Promise<boolean> {
  const db = await getDb();
  const sentNow = change.status === "sent";
  const rows = attempt
    ? await db.$queryRaw<{ moved: number }[]>`
        WITH moved AS (
          UPDATE "OutgoingMail"
             SET status = ${change.status}::"OutgoingMailStatus",
                 "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
                 "sentAt" = CASE WHEN ${sentNow} THEN ${SQL_NOW} ELSE NULL END,
                 "smtpResponse" = COALESCE(${change.smtpResponse ?? null}, "smtpResponse"),
                 "lastError" = ${change.lastError},
                 "nextAttemptAt" = COALESCE(${change.nextAttemptAt ?? null}::timestamp, "nextAttemptAt"),
                 attempts = attempts - ${change.notAnAttempt ? 1 : 0}::int,
                 "updatedAt" = ${SQL_NOW}
           WHERE id = ${mailId}::uuid AND status = 'sending' AND "leaseOwner" = ${workerId}
          RETURNING id, "mailboxId"),
        -- "Last use" shown on the mailbox; written at most once a minute per mailbox.
        touched AS (
          UPDATE "Mailbox" SET "lastUsedAt" = ${SQL_NOW}
           WHERE ${sentNow} AND id IN (SELECT "mailboxId" FROM moved)
             AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${SQL_NOW} - interval '1 minute')),
        logged AS (
          INSERT INTO "DeliveryAttempt"
                 ("tenantId", "mailId", number, "workerId", "startedAt", "finishedAt", outcome, "smtpCode", "smtpResponse")
          SELECT ${attempt.tenantId}::uuid, ${mailId}::uuid, ${attempt.number}::int, ${workerId},
                 ${attempt.startedAt}::timestamp, ${SQL_NOW},
                 CASE WHEN EXISTS (SELECT 1 FROM moved) THEN ${attempt.outcome} ELSE 'lease_lost' END,
                 ${attempt.smtpCode ?? null}::int, ${attempt.smtpResponse ?? null})
        SELECT count(*)::int AS moved FROM moved`
    : await db.$queryRaw<{ moved: number }[]>`
        WITH moved AS (
          UPDATE "OutgoingMail"
             SET status = ${change.status}::"OutgoingMailStatus",
                 "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "sentAt" = NULL,
                 "lastError" = ${change.lastError},
                 "nextAttemptAt" = COALESCE(${change.nextAttemptAt ?? null}::timestamp, "nextAttemptAt"),
                 attempts = attempts - ${change.notAnAttempt ? 1 : 0}::int,
                 "updatedAt" = ${SQL_NOW}
           WHERE id = ${mailId}::uuid AND status = 'sending' AND "leaseOwner" = ${workerId}
          RETURNING id)
        SELECT count(*)::int AS moved FROM moved`;
  return rows[0]?.moved === 1;
}
