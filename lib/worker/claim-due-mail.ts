import { getDb } from "@/lib/db/client";
import { SQL_NOW } from "./sql-now";

export type ClaimedMail = { id: string; tenantId: string; mailboxId: string; attempts: number };

export type ClaimOptions = { workerId: string; limit: number; leaseMs: number };

/**
 * Leases up to `limit` due mails to this worker in one statement: mail whose
 * lease expired first (its worker died; the Message-ID stays, so a retry is
 * the same message), then queued mail whose time has come, oldest first.
 * SKIP LOCKED lets any number of workers claim at once without waiting on or
 * taking each other's rows. Each part reads its own index range
 * (`[status, nextAttemptAt]`) and stops at `limit`, so a claim costs the same
 * with ten mails queued or a hundred thousand.
 */
export async function claimDueMail({ workerId, limit, leaseMs }: ClaimOptions): Promise<ClaimedMail[]> {
  const db = await getDb();
  return db.$queryRaw<ClaimedMail[]>`
    WITH expired AS (
      SELECT id FROM "OutgoingMail"
       WHERE status = 'sending' AND "leaseExpiresAt" < ${SQL_NOW}
       LIMIT ${limit}
         FOR UPDATE SKIP LOCKED),
    due AS (
      SELECT id FROM "OutgoingMail"
       WHERE status = 'queued' AND "nextAttemptAt" <= ${SQL_NOW}
       ORDER BY "nextAttemptAt"
       LIMIT ${limit}
         FOR UPDATE SKIP LOCKED)
    UPDATE "OutgoingMail"
       SET status = 'sending',
           "leaseOwner" = ${workerId},
           "leaseExpiresAt" = ${SQL_NOW} + make_interval(secs => ${leaseMs / 1000}::float8),
           attempts = attempts + 1,
           "updatedAt" = ${SQL_NOW}
     WHERE id IN (SELECT id FROM (SELECT id FROM expired UNION ALL SELECT id FROM due) AS ids LIMIT ${limit})
    RETURNING id, "tenantId", "mailboxId", attempts`;
}
