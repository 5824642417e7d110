import type { DbTransaction } from "@/lib/db/client";
import type { SendingLimits } from "./sending-limits";
import { SQL_NOW } from "./sql-now";

/** ok: the mail fits under its mailbox's limits; else when a slot frees up. */
export type SlotAnswer = { ok: true } | { ok: false; waitUntil: Date };

type Window = {
  mailboxId: string;
  minuteCount: number;
  minuteOldest: Date | null;
  dayCount: number;
  dayOldest: Date | null;
  dayRecipients: number;
  /** Its mails being sent now by any worker (only where a concurrency limit applies). */
  inFlight: number;
};

export type SlotRequest = {
  mailboxId: string;
  limits: SendingLimits;
  /** At most this many of the mailbox's mails in flight at once, across workers (Graph: 4); null: no limit. */
  concurrency?: number | null;
  mails: { id: string; recipientCount: number }[];
};

/** A mail over its mailbox's concurrency waits this long before it is looked at again. */
const CONCURRENCY_WAIT_MS = 500;

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
  const room = request.concurrency == null ? Infinity : request.concurrency - window.inFlight;
  for (const mail of request.mails) {
    if (fitting.length >= room) {
      answers.set(mail.id, { ok: false, waitUntil: new Date(Date.now() + CONCURRENCY_WAIT_MS) });
      continue;
    }
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
 * Which of the mails being claimed fit under their mailbox's sending limits,
 * counted in the database so that all workers together respect them. In the
 * claim's transaction: per-mailbox advisory locks (taken in one statement, in
 * key order, so that two workers cannot deadlock), held until it commits;
 * then, in a statement after the locks (so it sees every slot taken before),
 * each mailbox's slots taken in the last minute and day (mails sent or being
 * sent, by `sentAt`; the day from the per-hour counts of `MailboxSendingHour`,
 * so that its cost does not grow with the mailbox's volume). The claim gives
 * the mails that fit `sentAt` now, which holds their slot (a send that does
 * not happen clears it again); the others learn when a slot frees up.
 */
export async function findSendingSlots(
  tx: DbTransaction,
  requests: SlotRequest[],
): Promise<Map<string, SlotAnswer>> {
  const answers = new Map<string, SlotAnswer>();
  if (requests.length === 0) return answers;
  const mailboxIds = requests.map((r) => r.mailboxId);
  const mailIds = requests.flatMap((r) => r.mails.map((m) => m.id));
  await tx.$executeRaw`
      SELECT pg_advisory_xact_lock(key)
        FROM (SELECT DISTINCT hashtext('outbox:' || id) AS key FROM unnest(${mailboxIds}::text[]) AS id) AS keys
       ORDER BY key`;
  const needMinute = requests.map((r) => r.limits.perMinute !== null);
  const needFlight = requests.map((r) => r.concurrency != null);
  // The day: the hours wholly inside it from the per-hour counts, the part of the oldest
  // hour inside it from the mails themselves. The minute, only where a per-minute limit
  // applies, from the mails. This batch's own mails (one re-claimed after a lost lease may
  // still hold its old slot) are left out. The counting reads of the mails are fenced
  // (OFFSET 0) to the index they must use, [mailboxId, sentAt] or the primary key, whatever
  // the planner's statistics say about the statuses; the oldest is the first entry of
  // [mailboxId, sentAt] after the day's start.
  const windows = await tx.$queryRaw<Window[]>`
      WITH bounds AS MATERIALIZED (
        SELECT ${SQL_NOW} - interval '1 day' AS day_start,
               date_trunc('hour', ${SQL_NOW} - interval '1 day') + interval '1 hour' AS whole_hours,
               ${SQL_NOW} - interval '1 minute' AS minute_start),
      own AS (
        SELECT m."mailboxId", count(*)::int AS messages, sum(m."recipientCount")::int AS recipients
          FROM (SELECT id, "mailboxId", status, "sentAt", "recipientCount" FROM "OutgoingMail"
                 WHERE id = ANY(${mailIds}::uuid[]) OFFSET 0) AS m
         WHERE m.status IN ('sent', 'sending') AND m."sentAt" >= (SELECT whole_hours FROM bounds)
         GROUP BY m."mailboxId")
      SELECT r."mailboxId"::text AS "mailboxId",
             coalesce(minute.count, 0) AS "minuteCount",
             minute.oldest AS "minuteOldest",
             (coalesce(hours.messages, 0) + edge.count - coalesce(own.messages, 0))::int AS "dayCount",
             oldest.at AS "dayOldest",
             (coalesce(hours.recipients, 0) + edge.recipients - coalesce(own.recipients, 0))::int AS "dayRecipients",
             coalesce(flight.count, 0) AS "inFlight"
        FROM unnest(${mailboxIds}::uuid[], ${needMinute}::boolean[], ${needFlight}::boolean[])
             AS r("mailboxId", "needMinute", "needFlight")
        CROSS JOIN bounds
        LEFT JOIN own ON own."mailboxId" = r."mailboxId"
        CROSS JOIN LATERAL (
          SELECT sum(h.messages) AS messages, sum(h.recipients) AS recipients
            FROM "MailboxSendingHour" h
           WHERE h."mailboxId" = r."mailboxId" AND h.hour >= bounds.whole_hours) AS hours
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS count, coalesce(sum(m."recipientCount"), 0)::int AS recipients
            FROM (SELECT id, status, "recipientCount" FROM "OutgoingMail"
                   WHERE "mailboxId" = r."mailboxId" AND "sentAt" > bounds.day_start
                     AND "sentAt" < bounds.whole_hours
                  OFFSET 0) AS m
           WHERE m.status IN ('sent', 'sending') AND NOT (m.id = ANY(${mailIds}::uuid[]))) AS edge
        CROSS JOIN LATERAL (
          SELECT min(m."sentAt") AS at
            FROM "OutgoingMail" m
           WHERE m."mailboxId" = r."mailboxId" AND m."sentAt" > bounds.day_start
             AND m.status IN ('sent', 'sending') AND NOT (m.id = ANY(${mailIds}::uuid[]))) AS oldest
        LEFT JOIN LATERAL (
          SELECT count(*)::int AS count, min(m."sentAt") AS oldest
            FROM (SELECT id, status, "sentAt" FROM "OutgoingMail"
                   WHERE r."needMinute" AND "mailboxId" = r."mailboxId" AND "sentAt" > bounds.minute_start
                  OFFSET 0) AS m
           WHERE m.status IN ('sent', 'sending') AND NOT (m.id = ANY(${mailIds}::uuid[]))) AS minute ON true
        LEFT JOIN LATERAL (
          SELECT count(*)::int AS count
            FROM "OutgoingMail" m
           WHERE r."needFlight" AND m."mailboxId" = r."mailboxId" AND m.status = 'sending'
             AND m."leaseExpiresAt" > ${SQL_NOW} AND NOT (m.id = ANY(${mailIds}::uuid[]))) AS flight ON true`;
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
        inFlight: 0,
      },
      request,
      answers,
    ),
  );
  for (const id of fitting) answers.set(id, { ok: true });
  return answers;
}
