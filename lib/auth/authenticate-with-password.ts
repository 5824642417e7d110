import { getDb } from "@/lib/db/client";
import { dummyPasswordHash, verifyPassword } from "./password";
import { isSignInThrottled, recordSignInAttempt } from "./sign-in-throttle";
import { normalizeEmail } from "./tokens";

export type PasswordSignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Unknown address, disabled person and wrong password all answer "invalid"
 * after the same amount of work, so that the answer tells nothing about
 * which addresses exist.
 */
export async function authenticateWithPassword(
  rawEmail: string,
  password: string,
  ip: string | null,
): Promise<PasswordSignInResult> {
  const db = await getDb();
  const email = normalizeEmail(rawEmail);
  if (await isSignInThrottled(db, email, ip)) return { ok: false, reason: "throttled" };
  const user = await db.user.findUnique({ where: { email } });
  const usable = user && !user.disabledAt && user.passwordHash;
  const matches = await verifyPassword(password, usable ? user.passwordHash! : await dummyPasswordHash());
  const succeeded = Boolean(usable && matches);
  await recordSignInAttempt(db, email, ip, succeeded);
  if (!succeeded || !user) return { ok: false, reason: "invalid" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
