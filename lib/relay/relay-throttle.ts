import type { Db } from "@/lib/db/client";

export const relayThrottle = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerIp: 20,
  maxFailuresPerUsername: 10,
};

/**
 * Whether this address or user name failed too often lately. Counted in the
 * database, so that every relay process behind one address sees the same
 * failures.
 */
export async function isRelayLoginThrottled(db: Db, username: string, ip: string, now = new Date()) {
  const since = new Date(now.getTime() - relayThrottle.windowMs);
  const rows = await db.$queryRaw<{ by_ip: number; by_username: number }[]>`
    SELECT (SELECT count(*)::int FROM "RelayAuthFailure" WHERE "clientIp" = ${ip} AND "createdAt" >= ${since}) AS by_ip,
           (SELECT count(*)::int FROM "RelayAuthFailure" WHERE username = ${username} AND "createdAt" >= ${since}) AS by_username`;
  const counts = rows[0] ?? { by_ip: 0, by_username: 0 };
  return (
    counts.by_ip >= relayThrottle.maxFailuresPerIp ||
    counts.by_username >= relayThrottle.maxFailuresPerUsername
  );
}

export async function recordRelayLoginFailure(db: Db, username: string, ip: string): Promise<void> {
  await db.relayAuthFailure.create({ data: { username: username.slice(0, 200), clientIp: ip } });
}

/** Drops failures older than the window (the worker's chores). */
export async function pruneRelayLoginFailures(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.relayAuthFailure.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - relayThrottle.windowMs) } },
  });
  return count;
}
