import { setTimeout as sleep } from "node:timers/promises";
import { getDb } from "@/lib/db/client";
import { getAccessToken } from "./get-access-token";
import { keepAliveWindowDays } from "@/lib/connections/keep-alive-windows";
import { ConnectionUnavailableError, TransientTokenError } from "./token-errors";
import { UNKNOWN_RETRY_MAX_MS, UNKNOWN_RETRY_MIN_MS } from "./unknown-refresh-errors";

// A connection whose background refresh just failed waits this long before the next attempt,
// so that a few failing ones do not take every run's batch.
const RETRY_AFTER_FAILURE_MS = 6 * 3600 * 1000;

export interface KeepAliveOptions {
  /** At most this many connections per run. */
  limit: number;
  now?: Date;
  /** Random pause of up to this many milliseconds between two refreshes, to spread the load. */
  maxPauseMs?: number;
}

export interface KeepAliveReport {
  considered: number;
  refreshed: string[];
  transient: string[];
  unavailable: string[];
}

/** Each unbroken configuration's window, in days (its own, else its provider's). */
async function configurationWindows() {
  const db = await getDb();
  const configurations = await db.clientConfiguration.findMany({
    where: { brokenAt: null },
    select: { id: true, provider: true, tokenEndpoint: true, keepAliveDays: true },
  });
  return {
    ids: configurations.map((c) => c.id),
    days: configurations.map((c) => keepAliveWindowDays(c)),
  };
}

/**
 * Refreshes, through getAccessToken (the same lock as senders), a bounded
 * batch of connected connections:
 *
 * - idle for their configuration's keep-alive window or longer
 *   (keepAliveWindowDays: Microsoft kills a refresh token unused for 90 days,
 *   Google one unused for six months; a school holiday is long enough), not
 *   failed in the last 6 hours, the most overdue first;
 * - before those, connections whose refreshes fail with answers Relais does not
 *   recognise (unknownErrorSince), retried after half the time they have been
 *   failing (1 to 12 hours), so that they recover or, after
 *   UNKNOWN_REFRESH_ERROR_DAYS, come to a person even when nothing sends.
 *
 * A daily run with a modest limit spreads the refreshes over days instead of
 * renewing a whole school at once.
 */
export async function runKeepAliveBatch(options: KeepAliveOptions): Promise<KeepAliveReport> {
  const now = options.now ?? new Date();
  const windows = await configurationWindows();
  const report: KeepAliveReport = { considered: 0, refreshed: [], transient: [], unavailable: [] };
  if (windows.ids.length === 0) return report;
  const db = await getDb();
  const failedBefore = new Date(now.getTime() - RETRY_AFTER_FAILURE_MS);
  const due = await db.$queryRaw<{ id: string; tenantId: string }[]>`
    WITH w AS (SELECT * FROM unnest(${windows.ids}::uuid[], ${windows.days}::int[]) AS w(id, days)),
    c AS (
      SELECT m.id, m."tenantId", m."unknownErrorSince" IS NOT NULL AS failing,
        CASE WHEN m."unknownErrorSince" IS NULL
          THEN COALESCE(m."lastRefreshAt", m."connectedAt", m."createdAt") + w.days * interval '1 day'
          ELSE COALESCE(m."lastErrorAt", m."unknownErrorSince") + LEAST(
            ${UNKNOWN_RETRY_MAX_MS} * interval '1 millisecond',
            GREATEST(${UNKNOWN_RETRY_MIN_MS} * interval '1 millisecond',
              (COALESCE(m."lastErrorAt", m."unknownErrorSince") - m."unknownErrorSince") / 2))
        END AS "dueAt",
        m."lastErrorAt"
      FROM "Mailbox" m JOIN w ON w.id = m."clientConfigurationId"
      WHERE m.state = 'connected' AND m."refreshTokenCipher" IS NOT NULL)
    SELECT id, "tenantId" FROM c
    WHERE "dueAt" <= ${now} AND (failing OR "lastErrorAt" IS NULL OR "lastErrorAt" < ${failedBefore})
    ORDER BY failing DESC, "dueAt" ASC, id
    LIMIT ${options.limit}`;
  report.considered = due.length;
  for (const [index, { id, tenantId }] of due.entries()) {
    if (index > 0 && options.maxPauseMs) await sleep(Math.floor(Math.random() * options.maxPauseMs));
    try {
      await getAccessToken(id, { tenantId, forceRefresh: true });
      report.refreshed.push(id);
    } catch (error) {
      if (error instanceof TransientTokenError) report.transient.push(id);
      else if (error instanceof ConnectionUnavailableError) report.unavailable.push(id);
      else throw error;
    }
  }
  return report;
}
