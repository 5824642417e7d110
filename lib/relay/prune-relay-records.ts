import type { Db } from "@/lib/db/client";
import { relayThrottle } from "./relay-throttle";

/** How long a credential's sessions and refusals are kept for its page. */
export const RELAY_EVENTS_KEPT_DAYS = 30;

/** Drops failed logins older than the throttle's window (the worker's chores). */
export async function pruneRelayLoginFailures(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.relayAuthFailure.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - relayThrottle.windowMs) } },
  });
  return count;
}

/** Drops sessions and refusals older than RELAY_EVENTS_KEPT_DAYS (the worker's chores). */
export async function pruneRelayEvents(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.relayEvent.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - RELAY_EVENTS_KEPT_DAYS * 86_400_000) } },
  });
  return count;
}
