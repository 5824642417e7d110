import { setTimeout as sleep } from "node:timers/promises";
import { getDb } from "@/lib/db/client";
import { getAccessToken } from "./get-access-token";
import { keepAliveDays } from "./keep-alive-settings";
import { ConnectionUnavailableError, TransientTokenError } from "./token-errors";

const DAY_MS = 24 * 3600 * 1000;
// A connection whose background refresh just failed waits this long before the next attempt,
// so that a few failing ones do not take every run's batch.
const RETRY_AFTER_FAILURE_MS = 6 * 3600 * 1000;

export interface KeepAliveOptions {
  /** At most this many connections per run. */
  limit: number;
  now?: Date;
  /** Idle threshold; default RELAIS_KEEPALIVE_DAYS (30). */
  days?: number;
  /** Random pause of up to this many milliseconds between two refreshes, to spread the load. */
  maxPauseMs?: number;
}

export interface KeepAliveReport {
  considered: number;
  refreshed: string[];
  transient: string[];
  unavailable: string[];
}

/**
 * Refreshes connections idle for `days` or more (Microsoft kills a refresh
 * token unused for 90 days; a school holiday is long enough), oldest first,
 * a bounded batch per run, each through getAccessToken so that it takes the
 * same lock as senders. A daily run with a modest limit spreads the refreshes
 * over days instead of renewing a whole school at once.
 */
export async function runKeepAliveBatch(options: KeepAliveOptions): Promise<KeepAliveReport> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.days ?? keepAliveDays()) * DAY_MS);
  const db = await getDb();
  const idle = await db.$queryRaw<{ id: string; tenantId: string }[]>`
    SELECT m.id, m."tenantId" FROM "Mailbox" m
    JOIN "ClientConfiguration" c ON c.id = m."clientConfigurationId" AND c."tenantId" = m."tenantId"
    WHERE m.state = 'connected' AND m."refreshTokenCipher" IS NOT NULL AND c."brokenAt" IS NULL
      AND COALESCE(m."lastRefreshAt", m."connectedAt", m."createdAt") < ${cutoff}
      AND (m."lastErrorAt" IS NULL OR m."lastErrorAt" < ${new Date(now.getTime() - RETRY_AFTER_FAILURE_MS)})
    ORDER BY COALESCE(m."lastRefreshAt", m."connectedAt", m."createdAt") ASC, m.id
    LIMIT ${options.limit}`;
  const report: KeepAliveReport = { considered: idle.length, refreshed: [], transient: [], unavailable: [] };
  for (const [index, { id, tenantId }] of idle.entries()) {
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
