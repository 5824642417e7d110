import { getDb } from "@/lib/db/client";
import type { SendingLimits } from "./sending-limits";
import { SQL_NOW } from "./sql-now";

/** ok: this mail's slot is held (its sentAt is set); else when to try again; null: the lease was lost. */
export type SlotAnswer = { ok: true } | { ok: false; waitUntil: Date } | null;

type Window = {
  minuteCount: number;
  minuteOldest: Date | null;
  dayCount: number;
  dayOldest: Date | null;
  dayRecipients: number;
};

type Candidate = { id: string; recipientCount: number };

const MINUTE = 60_000;
const DAY = 86_400_000;

function waitUntil(window: Window, limits: SendingLimits, recipients: number): Date | null {
  const waits: number[] = [];
  if (limits.perMinute !== null && window.minuteCount >= limits.perMinute) {
    waits.push((window.minuteOldest?.getTime() ?? Date.now()) + MINUTE);
  }
  const dayFull =
    (limits.perDay !== null && window.dayCount >= limits.perDay) ||
    (limits.recipientsPerDay !== null && window.dayRecipients + recipients > limits.recipientsPerDay);
  if (dayFull) waits.push((window.dayOldest?.getTime() ?? Date.now()) + DAY);
  return waits.length > 0 ? new Date(Math.max(...waits) + 1000) : null;
}

/**
 * Takes sending slots of one mailbox for some of this worker's leased mails,
 * counted in the database so that all workers together respect the limits:
 * under a per-mailbox advisory lock (the count runs in a statement after the
 * lock, so it sees every slot taken before), the mails sent or being sent in
 * the last minute and day (their `sentAt`) are counted, and the mails that
 * fit get `sentAt` now, which holds their slot. A send that does not happen
 * clears it again. The others learn when a slot frees up.
 */
export async function reserveSendingSlots(
  mailboxId: string,
  mails: Candidate[],
  workerId: string,
  limits: SendingLimits,
): Promise<Map<string, SlotAnswer>> {
  const db = await getDb();
  const ids = mails.map((m) => m.id);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`outbox:${mailboxId}`}))`;
    const [window] = await tx.$queryRaw<Window[]>`
      SELECT count(*) FILTER (WHERE "sentAt" > ${SQL_NOW} - interval '1 minute')::int AS "minuteCount",
             min("sentAt") FILTER (WHERE "sentAt" > ${SQL_NOW} - interval '1 minute') AS "minuteOldest",
             count(*)::int AS "dayCount",
             min("sentAt") AS "dayOldest",
             coalesce(sum("recipientCount"), 0)::int AS "dayRecipients"
        FROM "OutgoingMail"
       WHERE "mailboxId" = ${mailboxId}::uuid
         AND status IN ('sent', 'sending')
         AND "sentAt" > ${SQL_NOW} - interval '1 day'
         AND NOT (id = ANY(${ids}::uuid[]))`;
    const counts: Window = window ?? {
      minuteCount: 0,
      minuteOldest: null,
      dayCount: 0,
      dayOldest: null,
      dayRecipients: 0,
    };
    const answers = new Map<string, SlotAnswer>();
    const fitting: string[] = [];
    for (const mail of mails) {
      const wait = waitUntil(counts, limits, mail.recipientCount);
      if (wait) {
        answers.set(mail.id, { ok: false, waitUntil: wait });
        continue;
      }
      fitting.push(mail.id);
      counts.minuteCount += 1;
      counts.dayCount += 1;
      counts.dayRecipients += mail.recipientCount;
      counts.minuteOldest ??= new Date();
      counts.dayOldest ??= new Date();
    }
    const taken = fitting.length
      ? await tx.$queryRaw<{ id: string }[]>`
          UPDATE "OutgoingMail" SET "sentAt" = ${SQL_NOW}
           WHERE id = ANY(${fitting}::uuid[]) AND "leaseOwner" = ${workerId} AND status = 'sending'
          RETURNING id`
      : [];
    const held = new Set(taken.map((row) => row.id));
    for (const id of fitting) answers.set(id, held.has(id) ? { ok: true } : null);
    return answers;
  });
}
