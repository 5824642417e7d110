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
