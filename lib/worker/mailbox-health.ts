import { getDb } from "@/lib/db/client";
import type { ProviderFamily } from "@/lib/outbox/mail-limits";

// Google blocks a mailbox over its daily limit for up to 24 h; Microsoft's
// submission quota is per minute and per day, so an hour is tried first and
// a new refusal pauses it again.
const PAUSE_MS: Record<ProviderFamily, number> = { google: 24 * 3_600_000, microsoft: 3_600_000 };

/** The provider refused more mail from this mailbox: pause it only, its mail waits held. */
export async function pauseMailbox(
  tenantId: string,
  mailboxId: string,
  family: ProviderFamily,
  answer: string,
) {
  const db = await getDb();
  await db.mailbox.updateMany({
    where: { id: mailboxId, tenantId },
    data: { pausedUntil: new Date(Date.now() + PAUSE_MS[family]), pauseReason: answer.slice(0, 500) },
  });
}

/**
 * Microsoft answered 535 5.7.139: SMTP AUTH is disabled for the tenant or the
 * mailbox. A setting, not a token problem: no refresh; the admin must enable
 * it (see docs/outbox.md), then reconnect, which releases the held mail.
 */
export async function flagSmtpAuthDisabled(tenantId: string, mailboxId: string) {
  const db = await getDb();
  await db.mailbox.updateMany({
    where: { id: mailboxId, tenantId, state: "connected" },
    data: { state: "config_error", lastErrorCode: "smtp_auth_disabled", lastErrorAt: new Date() },
  });
}

/**
 * A provider asked this mailbox to slow down (429 or 503 with Retry-After):
 * it pauses until then, never shortening a longer pause; its other mail waits.
 */
export async function throttleMailbox(tenantId: string, mailboxId: string, until: Date, answer: string) {
  const db = await getDb();
  await db.mailbox.updateMany({
    where: { id: mailboxId, tenantId, OR: [{ pausedUntil: null }, { pausedUntil: { lt: until } }] },
    data: { pausedUntil: until, pauseReason: `throttled: ${answer}`.slice(0, 500) },
  });
}

/**
 * A refusal that a setting at the provider or a new consent fixes, not a
 * retry: the delegate has no Send As right (config_error, send_as_denied),
 * or the grant lacks the transport's permission (insufficient_scope). The
 * mailbox's mail is held until it is fixed and reconnected.
 */
export async function flagMailboxSetting(
  tenantId: string,
  mailboxId: string,
  state: "config_error" | "insufficient_scope",
  code: "send_as_denied" | "transport_needs_consent",
) {
  const db = await getDb();
  await db.mailbox.updateMany({
    where: { id: mailboxId, tenantId, state: "connected" },
    data: { state, lastErrorCode: code, lastErrorAt: new Date() },
  });
}
