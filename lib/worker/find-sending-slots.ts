import { NAMED_SQL_NOW, type NamedSql } from "@/lib/db/named-sql";
import type { SendingLimits } from "./sending-limits";

/**
 * ok: the mail fits under its mailbox's limits; else when a slot frees up, and
 * which limit it waits for: a sending limit (minute, day), or the mailbox's
 * concurrency (Graph's 4 requests in flight), which frees up as soon as one of
 * its sends ends.
 */
export type SlotAnswer = { ok: true } | { ok: false; waitUntil: Date; reason: "limit" | "concurrency" };

type Window = {
  mailboxId: string;
  minuteCount: number;
  minuteOldest: Date | null;
  dayCount: number;
  dayOldest: Date | null;
  dayRecipients: number;
  /** Its mails being sent now by this worker (only where a concurrency limit applies). */
  ownInFlight: number;
  /** Its mails being sent now by other workers (only where a concurrency limit applies). */
  othersInFlight: number;
  /** Other mails of it wait for a slot (only where a concurrency limit applies): they go first. */
  othersWaiting: boolean;
};

/** No per-minute limit: never count the minute. */
const NO_MINUTE_COUNT = 2_147_483_647;

export type SlotRequest = {
  mailboxId: string;
  limits: SendingLimits;
  /** At most this many of the mailbox's mails in flight at once, across workers (Graph: 4); null: no limit. */
  concurrency?: number | null;
  /**
   * With a concurrency limit: the most of the mailbox's mails this worker may
   * hold leased while no other worker holds any, because it sends at most
   * `concurrency` of them at once itself (run-worker.ts's per-mailbox gate)
   * and starts the next as one ends. Unset: `concurrency`, the leases being
   * the requests in flight.
   */
  leaseAhead?: number;
  /** In the order slots are given; a mail already waiting for a slot (`waitingForSlot`) before the others. */
  mails: { id: string; recipientCount: number; waitingForSlot?: boolean }[];
};

/**
 * A mail over its mailbox's concurrency goes back to the queue until a worker
 * whose send for that mailbox ends pulls it (`pull` in pickDueMail, from
 * run-worker.ts), and at most this long when none does (a worker stopped).
 */
export const CONCURRENCY_WAIT_MS = 30_000;

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
 * How many more of a mailbox's mails may be leased under its concurrency
 * limit. While this worker alone holds leases of the mailbox, up to its
 * lease-ahead depth: it gates its own sends to the limit. As soon as another
 * worker holds one, the leases are the requests in flight: all workers'
 * together stay within the limit. A worker holding more than the limit is
 * therefore alone, and gates them; workers sharing a mailbox hold no more
 * than the limit between them.
 */
function concurrencyRoom(window: Window, request: SlotRequest): number {
  if (request.concurrency == null) return Infinity;
  if (window.othersInFlight === 0 && request.leaseAhead !== undefined)
    return Math.max(request.leaseAhead, request.concurrency) - window.ownInFlight;
  return request.concurrency - window.ownInFlight - window.othersInFlight;
}

/** Which of one mailbox's mails fit under its limits, counting each one taken. */
function allocate(window: Window, request: SlotRequest, answers: Map<string, SlotAnswer>): string[] {
  const fitting: string[] = [];
  const room = concurrencyRoom(window, request);
  // Mails put back to wait for a slot keep their order: one millisecond apart, as the line is read by time.
  const backInLine = Date.now() + CONCURRENCY_WAIT_MS;
  let inLine = 0;
  for (const mail of request.mails) {
    // A new mail does not overtake its mailbox's mails waiting for a slot: it joins them.
    if (fitting.length >= room || (window.othersWaiting && !mail.waitingForSlot)) {
      answers.set(mail.id, { ok: false, waitUntil: new Date(backInLine + inLine++), reason: "concurrency" });
      continue;
    }
    const wait = waitUntil(window, request.limits, mail.recipientCount);
    if (wait) {
      answers.set(mail.id, { ok: false, waitUntil: wait, reason: "limit" });
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
 * so that its cost does not grow with the mailbox's volume; the minute counted
 * from the mails only when the per-hour counts of the last minute's hours leave
 * it in doubt, so that a mailbox far below its per-minute limit costs nothing
 * however fast it sends). The claim gives
 * the mails that fit `sentAt` now, which holds their slot (a send that does
 * not happen clears it again); the others learn when a slot frees up.
 * `workerId` is the claiming worker: its own leases of a mailbox with a
 * concurrency limit count apart from the others' (`leaseAhead`).
 */
export async function findSendingSlots(
  sql: NamedSql,
  requests: SlotRequest[],
  workerId: string,
): Promise<Map<string, SlotAnswer>> {
  const answers = new Map<string, SlotAnswer>();
  if (requests.length === 0) return answers;
  const mailboxIds = requests.map((r) => r.mailboxId);
  const mailIds = requests.flatMap((r) => r.mails.map((m) => m.id));
  await sql.query("sending_slot_locks", LOCKS, [mailboxIds]);
  const needMinute = requests.map((r) => r.limits.perMinute !== null);
  // The minute is counted from the mails only when the per-hour counts of its hours (an upper
  // bound of the minute's count) could reach the limit with this batch: below that, that bound
  // decides as the exact count would (allocate() adds at most the batch's mails to it).
  const minuteDoubtAbove = requests.map((r) =>
    r.limits.perMinute === null ? NO_MINUTE_COUNT : r.limits.perMinute - r.mails.length,
  );
  const needFlight = requests.map((r) => r.concurrency != null);
  // The day: the hours wholly inside it from the per-hour counts, the part of the oldest
  // hour inside it from the mails themselves. The minute, only where a per-minute limit
  // applies, from the mails. This batch's own mails (one re-claimed after a lost lease may
  // still hold its old slot) are left out. The counting reads of the mails are fenced
  // (OFFSET 0) to the index they must use, [mailboxId, sentAt] or the primary key, whatever
  // the planner's statistics say about the statuses; the oldest is the first entry of
  // [mailboxId, sentAt] after the day's start. The minute: an upper bound from the per-hour
  // counts of the hours it touches, then the mails only when that bound is in doubt.
  const windows = await sql.query<Window>("sending_slot_windows", WINDOWS, [
    mailIds,
    mailboxIds,
    needMinute,
    needFlight,
    minuteDoubtAbove,
    workerId,
  ]);
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
        ownInFlight: 0,
        othersInFlight: 0,
        othersWaiting: false,
      },
      request,
      answers,
    ),
  );
  for (const id of fitting) answers.set(id, { ok: true });
  return answers;
}

/** Per-mailbox advisory locks ($1: the mailboxes), taken in key order so that two workers cannot deadlock. */
const LOCKS = `
  SELECT pg_advisory_xact_lock(key)::text AS locked
    FROM (SELECT DISTINCT hashtext('outbox:' || id) AS key FROM unnest($1::text[]) AS id) AS keys
   ORDER BY key`;

/**
 * Each mailbox's window ($2, with $3 whether it has a per-minute limit, $4 a concurrency limit,
 * $5 above how many of the last minute's hour counts the minute is counted from the mails), this
 * batch's mails ($1) left out, this worker ($6). Timestamps come out in UTC as timestamptz.
 */
const WINDOWS = `
      WITH bounds AS MATERIALIZED (
        SELECT ${NAMED_SQL_NOW} - interval '1 day' AS day_start,
               date_trunc('hour', ${NAMED_SQL_NOW} - interval '1 day') + interval '1 hour' AS whole_hours,
               ${NAMED_SQL_NOW} - interval '1 minute' AS minute_start),
      own AS (
        SELECT m."mailboxId", count(*)::int AS messages, sum(m."recipientCount")::int AS recipients
          FROM (SELECT id, "mailboxId", status, "sentAt", "recipientCount" FROM "OutgoingMail"
                 WHERE id = ANY($1::uuid[]) OFFSET 0) AS m
         WHERE m.status IN ('sent', 'sending') AND m."sentAt" >= (SELECT whole_hours FROM bounds)
         GROUP BY m."mailboxId")
      SELECT r."mailboxId"::text AS "mailboxId",
             CASE WHEN recent.messages > r."minuteDoubtAbove" THEN coalesce(minute.count, 0)
                  ELSE recent.messages END AS "minuteCount",
             (CASE WHEN recent.messages > r."minuteDoubtAbove" THEN minute.oldest END) AT TIME ZONE 'UTC'
               AS "minuteOldest",
             (coalesce(hours.messages, 0) + edge.count - coalesce(own.messages, 0))::int AS "dayCount",
             oldest.at AT TIME ZONE 'UTC' AS "dayOldest",
             (coalesce(hours.recipients, 0) + edge.recipients - coalesce(own.recipients, 0))::int AS "dayRecipients",
             coalesce(flight.own, 0) AS "ownInFlight",
             coalesce(flight.others, 0) AS "othersInFlight",
             coalesce(flight.waiting, false) AS "othersWaiting"
        FROM unnest($2::uuid[], $3::boolean[], $4::boolean[],
                    $5::int[])
             AS r("mailboxId", "needMinute", "needFlight", "minuteDoubtAbove")
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
           WHERE m.status IN ('sent', 'sending') AND NOT (m.id = ANY($1::uuid[]))) AS edge
        CROSS JOIN LATERAL (
          SELECT min(m."sentAt") AS at
            FROM "OutgoingMail" m
           WHERE m."mailboxId" = r."mailboxId" AND m."sentAt" > bounds.day_start
             AND m.status IN ('sent', 'sending') AND NOT (m.id = ANY($1::uuid[]))) AS oldest
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(h.messages), 0)::int AS messages
            FROM "MailboxSendingHour" h
           WHERE r."needMinute" AND h."mailboxId" = r."mailboxId"
             AND h.hour >= date_trunc('hour', bounds.minute_start)) AS recent
        LEFT JOIN LATERAL (
          SELECT count(*)::int AS count, min(m."sentAt") AS oldest
            FROM (SELECT id, status, "sentAt" FROM "OutgoingMail"
                   WHERE r."needMinute" AND recent.messages > r."minuteDoubtAbove"
                     AND "mailboxId" = r."mailboxId" AND "sentAt" > bounds.minute_start
                  OFFSET 0) AS m
           WHERE m.status IN ('sent', 'sending') AND NOT (m.id = ANY($1::uuid[]))) AS minute ON true
        LEFT JOIN LATERAL (
          SELECT (count(*) FILTER (WHERE m."leaseOwner" = $6::text))::int AS own,
                 (count(*) FILTER (WHERE m."leaseOwner" IS DISTINCT FROM $6::text))::int AS others,
                 r."needFlight" AND EXISTS (SELECT 1 FROM "OutgoingMail" w
                          WHERE w."mailboxId" = r."mailboxId" AND w.status = 'queued'
                            AND w."lastError" = 'api_concurrency' AND NOT (w.id = ANY($1::uuid[])))
                   AS waiting
            FROM "OutgoingMail" m
           WHERE r."needFlight" AND m."mailboxId" = r."mailboxId" AND m.status = 'sending'
             AND m."leaseExpiresAt" > ${NAMED_SQL_NOW} AND NOT (m.id = ANY($1::uuid[]))) AS flight ON true`;
