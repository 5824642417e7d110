import { getDb } from "@/lib/db/client";
import { SQL_NOW } from "./sql-now";

export type ClaimedMail = { id: string; tenantId: string; mailboxId: string; attempts: number };

export type ClaimOptions = { workerId: string; limit: number; leaseMs: number };

/**
 * Leases up to `limit` due mails to this worker in one statement: queued mail
 * whose time has come, and mail whose lease expired (its worker died; the
 * Message-ID stays, so a retry is the same message). SKIP LOCKED lets any
 * number of workers claim at once without waiting on or taking each other's rows.
 */
export async function claimDueMail({ workerId, limit, leaseMs }: ClaimOptions): Promise<ClaimedMail[]> {
  const db = await getDb();
  return db.$queryRaw<ClaimedMail[]>`
    UPDATE "OutgoingMail"
       SET status = 'sending',
           "leaseOwner" = ${workerId},
           "leaseExpiresAt" = ${SQL_NOW} + make_interval(secs => ${leaseMs / 1000}::float8),
           attempts = attempts + 1,
           "updatedAt" = ${SQL_NOW}
     WHERE id IN (
       SELECT id FROM "OutgoingMail"
        WHERE (status = 'queued' AND "nextAttemptAt" <= ${SQL_NOW})
           OR (status = 'sending' AND "leaseExpiresAt" < ${SQL_NOW})
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, "tenantId", "mailboxId", attempts`;
}
