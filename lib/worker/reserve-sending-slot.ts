import { getDb } from "@/lib/db/client";
import type { SendingLimits } from "./sending-limits";
import { SQL_NOW } from "./sql-now";

export type SlotAnswer = { ok: true } | { ok: false; waitUntil: Date };

type Window = {
  reserved: number;
  minuteCount: number;
  minuteOldest: Date | null;
  dayCount: number;
  dayOldest: Date | null;
  dayRecipients: number;
};

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Takes one sending slot of the mailbox, counted in the database so that all
 * workers together respect the limits: under a per-mailbox advisory lock (the
 * count runs in a statement after the lock, so it sees every slot taken
 * before), the mails sent or being sent in the last minute and day (their
 * `sentAt`) are counted, and when under every limit this mail's `sentAt` is
 * set now to hold its slot. A send that does not happen clears it again.
 * Over a limit, says when a slot frees up; null when the lease was lost.
 */
export async function reserveSendingSlot(
  mail: { id: string; mailboxId: string; recipientCount: number },
  workerId: string,
  limits: SendingLimits,
): Promise<SlotAnswer | null> {
  const db = await getDb();
  const [, rows] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`outbox:${mail.mailboxId}`}))`,
    db.$queryRaw<Window[]>`
      WITH w AS (
        SELECT count(*) FILTER (WHERE "sentAt" > ${SQL_NOW} - interval '1 minute')::int AS "minuteCount",
               min("sentAt") FILTER (WHERE "sentAt" > ${SQL_NOW} - interval '1 minute') AS "minuteOldest",
               count(*)::int AS "dayCount",
               min("sentAt") AS "dayOldest",
               coalesce(sum("recipientCount"), 0)::int AS "dayRecipients"
          FROM "OutgoingMail"
         WHERE "mailboxId" = ${mail.mailboxId}::uuid
           AND status IN ('sent', 'sending')
           AND "sentAt" > ${SQL_NOW} - interval '1 day'
           AND id <> ${mail.id}::uuid),
      taken AS (
        UPDATE "OutgoingMail" SET "sentAt" = ${SQL_NOW}
          FROM w
         WHERE id = ${mail.id}::uuid AND "leaseOwner" = ${workerId} AND status = 'sending'
           AND (${limits.perMinute}::int IS NULL OR w."minuteCount" < ${limits.perMinute}::int)
           AND (${limits.perDay}::int IS NULL OR w."dayCount" < ${limits.perDay}::int)
           AND (${limits.recipientsPerDay}::int IS NULL
                OR w."dayRecipients" + ${mail.recipientCount}::int <= ${limits.recipientsPerDay}::int)
        RETURNING 1)
      SELECT (SELECT count(*) FROM taken)::int AS reserved, w.* FROM w`,
  ]);
  const window = rows[0];
  if (!window) return null;
  if (window.reserved === 1) return { ok: true };
  const waits: number[] = [];
  if (limits.perMinute !== null && window.minuteCount >= limits.perMinute) {
    waits.push((window.minuteOldest?.getTime() ?? Date.now()) + MINUTE);
  }
  const dayFull =
    (limits.perDay !== null && window.dayCount >= limits.perDay) ||
    (limits.recipientsPerDay !== null &&
      window.dayRecipients + mail.recipientCount > limits.recipientsPerDay);
  if (dayFull) waits.push((window.dayOldest?.getTime() ?? Date.now()) + DAY);
  // Under every limit but nothing reserved: the lease was lost meanwhile.
  if (waits.length === 0) return null;
  return { ok: false, waitUntil: new Date(Math.max(...waits) + 1000) };
}
