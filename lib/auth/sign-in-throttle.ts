import type { Db } from "@/lib/db/client";

export const throttle = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
};

/**
 * Counted in the database, not in memory, so that every web instance sees
 * the same failures.
 */
export async function isSignInThrottled(db: Db, email: string, ip: string | null, now = new Date()) {
  const since = new Date(now.getTime() - throttle.windowMs);
  const [byEmail, byIp] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    ip ? db.signInAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }) : 0,
  ]);
  return byEmail >= throttle.maxFailuresPerEmail || byIp >= throttle.maxFailuresPerIp;
}

export async function recordSignInAttempt(db: Db, email: string, ip: string | null, succeeded: boolean) {
  await db.signInAttempt.create({ data: { email, ip: ip ?? "unknown", succeeded } });
  if (succeeded) {
    // A success forgives this address's earlier failures.
    await db.signInAttempt.deleteMany({ where: { email, succeeded: false } });
  }
}
