import { RELAY_NOW, type RelaySql } from "./relay-sql";

export const relayThrottle = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerIp: 20,
  maxFailuresPerUsername: 10,
};

const WINDOW = `${RELAY_NOW} - make_interval(secs => ${relayThrottle.windowMs / 1000})`;

/**
 * Whether this address or user name failed too often lately. Counted in the
 * database, so that every relay process behind one address sees the same
 * failures.
 */
export async function isRelayLoginThrottled(sql: RelaySql, username: string, ip: string): Promise<boolean> {
  const [counts] = await sql.query<{ by_ip: number; by_username: number }>(
    "throttle",
    `SELECT (SELECT count(*)::int FROM "RelayAuthFailure" WHERE "clientIp" = $1 AND "createdAt" >= ${WINDOW}) AS by_ip,
            (SELECT count(*)::int FROM "RelayAuthFailure" WHERE username = $2 AND "createdAt" >= ${WINDOW}) AS by_username`,
    [ip, username],
  );
  return (
    (counts?.by_ip ?? 0) >= relayThrottle.maxFailuresPerIp ||
    (counts?.by_username ?? 0) >= relayThrottle.maxFailuresPerUsername
  );
}

export async function recordRelayLoginFailure(sql: RelaySql, username: string, ip: string): Promise<void> {
  await sql.query(
    "auth_failure",
    `INSERT INTO "RelayAuthFailure" (username, "clientIp", "createdAt") VALUES ($1, $2, ${RELAY_NOW})`,
    [username.slice(0, 200), ip],
  );
}
