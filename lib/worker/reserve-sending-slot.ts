import { getDb } from "@/lib/db/client";
import type { SendingLimits } from "./sending-limits";

export type SlotAnswer = { ok: true } | { ok: false; waitUntil: Date };

type Window = {
  now: Date;
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
 * workers together respect the limits: under a per-mailbox advisory lock, the
 * mails sent or being sent in the last minute and day (their `sentAt`) are
 * counted, and this mail's `sentAt` is set now to hold its slot. A send that
 * does not happen clears it again. Over a limit, says when a slot frees up.
 */
export async function reserveSendingSlot(
  mail: { id: string; mailboxId: string; recipientCount: number },
  workerId: string,
  limits: SendingLimits,
): Promise<SlotAnswer | null> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`outbox:${mail.mailboxId}`}))`;
    const [window] = await tx.$queryRaw<Window[]>`
      SELECT now() AS "now",
             count(*) FILTER (WHERE "sentAt" > now() - interval '1 minute')::int AS "minuteCount",
             min("sentAt") FILTER (WHERE "sentAt" > now() - interval '1 minute') AS "minuteOldest",
             count(*)::int AS "dayCount",
             min("sentAt") AS "dayOldest",
             coalesce(sum("recipientCount"), 0)::int AS "dayRecipients"
        FROM "OutgoingMail"
       WHERE "mailboxId" = ${mail.mailboxId}::uuid
         AND status IN ('sent', 'sending')
         AND "sentAt" > now() - interval '1 day'
         AND id <> ${mail.id}::uuid`;
    if (!window) return { ok: true } as const;
    const waits: number[] = [];
    if (limits.perMinute !== null && window.minuteCount >= limits.perMinute && window.minuteOldest) {
      waits.push(window.minuteOldest.getTime() + MINUTE);
    }
    if (limits.perDay !== null && window.dayCount >= limits.perDay && window.dayOldest) {
      waits.push(window.dayOldest.getTime() + DAY);
    }
    if (
      limits.recipientsPerDay !== null &&
      window.dayRecipients + mail.recipientCount > limits.recipientsPerDay &&
      window.dayOldest
    ) {
      waits.push(window.dayOldest.getTime() + DAY);
    }
    if (waits.length > 0) return { ok: false, waitUntil: new Date(Math.max(...waits) + 1000) } as const;
    const held = await tx.$executeRaw`
      UPDATE "OutgoingMail" SET "sentAt" = now()
       WHERE id = ${mail.id}::uuid AND "leaseOwner" = ${workerId} AND status = 'sending'`;
    // null: the lease was lost meanwhile.
    return held === 1 ? ({ ok: true } as const) : null;
  });
}
