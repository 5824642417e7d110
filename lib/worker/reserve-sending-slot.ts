import { getDb } from "@/lib/db/client";
import type { SendingLimits } from "./sending-limits";
import { SQL_NOW } from "./sql-now";

/** ok: this mail's slot is held (its sentAt is set); else when to try again; null: the lease was lost. */
export type SlotAnswer = { ok: true } | { ok: false; waitUntil: Date } | null;

type Window = {
  mailboxId: string;
  minuteCount: number;
  minuteOldest: Date | null;
  dayCount: number;
  dayOldest: Date | null;
  dayRecipients: number;
};

export type SlotRequest = {
  mailboxId: string;
  limits: SendingLimits;
  mails: { id: string; recipientCount: number }[];
};

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

/** Which of one mailbox's mails fit under its limits, counting each one taken. */
function allocate(window: Window, request: SlotRequest, answers: Map<string, SlotAnswer>): string[] {
  const fitting: string[] = [];
  for (const mail of request.mails) {
    const wait = waitUntil(window, request.limits, mail.recipientCount);
    if (wait) {
      answers.set(mail.id, { ok: false, waitUntil: wait });
      continue;
    }
    fitting.push(mail.id);
    window.minuteCount += 1;
    window.dayCount += 1;
    window.dayRecipients += mail.recipientCount;
    window.minuteOldest ??= new Date();
    window.dayOldest ??= new Date();
  }
  return fitting;
}

/**
 * Takes sending slots for this worker's leased mails, counted in the database
 * so that all workers together respect each mailbox's limits. In one
 * transaction: per-mailbox advisory locks (taken in one statement, in key
 * order, so that two workers cannot deadlock); then, in a statement after the
 * locks (so it sees every slot taken before), each mailbox's mails with
 * `sentAt` in the last minute and day (sent or being sent); the mails that fit
 * get `sentAt` now, which holds their slot (a send that does not happen
 * clears it again). The others learn when a slot frees up.
 */
export async function reserveSendingSlots(
  requests: SlotRequest[],
  workerId: string,
): Promise<Map<string, SlotAnswer>> {
  const answers = new Map<string, SlotAnswer>();
  if (requests.length === 0) return answers;
  const mailboxIds = requests.map((r) => r.mailboxId);
  const mailIds = requests.flatMap((r) => r.mails.map((m) => m.id));
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      SELECT pg_advisory_xact_lock(key)
        FROM (SELECT DISTINCT hashtext('outbox:' || id) AS key FROM unnest(${mailboxIds}::text[]) AS id) AS keys
       ORDER BY key`;
    const windows = await tx.$queryRaw<Window[]>`
      SELECT "mailboxId"::text AS "mailboxId",
             count(*) FILTER (WHERE "sentAt" > ${SQL_NOW} - interval '1 minute')::int AS "minuteCount",
             min("sentAt") FILTER (WHERE "sentAt" > ${SQL_NOW} - interval '1 minute') AS "minuteOldest",
             count(*)::int AS "dayCount",
             min("sentAt") AS "dayOldest",
             coalesce(sum("recipientCount"), 0)::int AS "dayRecipients"
        FROM "OutgoingMail"
       WHERE "mailboxId" = ANY(${mailboxIds}::uuid[])
         AND status IN ('sent', 'sending')
         AND "sentAt" > ${SQL_NOW} - interval '1 day'
         AND NOT (id = ANY(${mailIds}::uuid[]))
       GROUP BY "mailboxId"`;
    const byMailbox = new Map(windows.map((w) => [w.mailboxId, w]));
    const fitting = requests.flatMap((request) =>
      allocate(
        byMailbox.get(request.mailboxId) ?? {
          mailboxId: request.mailboxId,
          minuteCount: 0,
          minuteOldest: null,
          dayCount: 0,
          dayOldest: null,
          dayRecipients: 0,
        },
        request,
        answers,
      ),
    );
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
