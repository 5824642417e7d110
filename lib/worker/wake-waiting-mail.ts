import { getDb } from "@/lib/db/client";
import type { SlotPull } from "./pick-due-mail";
import { SQL_NOW } from "@/lib/db/sql-now";

/**
 * A worker stopping with request slots it freed and did not use: that many of
 * each mailbox's mails waiting for a slot (API_SLOT_WAIT), first in line, come
 * due now, for any worker to claim, rather than at the end of their wait.
 * Returns how many.
 */
export async function wakeWaitingMail(pull: SlotPull[]): Promise<number> {
  if (pull.length === 0) return 0;
  const db = await getDb();
  return db.$executeRaw`
    WITH woken AS (
      SELECT x.id
        FROM unnest(${pull.map((p) => p.mailboxId)}::uuid[], ${pull.map((p) => p.count)}::int[])
             AS p("mailboxId", count)
       CROSS JOIN LATERAL (
         SELECT id FROM "OutgoingMail"
          WHERE "mailboxId" = p."mailboxId" AND status = 'queued' AND "lastError" = 'api_concurrency'
          ORDER BY "nextAttemptAt"
          LIMIT p.count
            FOR UPDATE SKIP LOCKED) AS x)
    UPDATE "OutgoingMail" m SET "nextAttemptAt" = ${SQL_NOW}, "updatedAt" = ${SQL_NOW}
      FROM woken
     WHERE m.id = woken.id AND m.status = 'queued'`;
}
