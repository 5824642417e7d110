import type { TenantContext } from "@/lib/auth/tenant-context";
import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { momentWithZone } from "@/lib/i18n/dates/moment-with-zone";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { addressLocale, mailDates } from "@/lib/notifications/recipients";

/** The address of a connect link's page; the token is only ever in this URL and the mail. */
export function connectLinkUrl(token: string): string {
  return `${publicUrl()}/connect/${token}`;
}

/** Who a link's mail speaks for: an admin's context, or a campaign's school and creator (reminders). */
export type ConnectLinkSender = Pick<TenantContext, "userEmail" | "tenantName" | "tenantLocale" | "timeZone">;

/**
 * The mail to a mailbox's owner (for a shared mailbox, to its delegate, who
 * connects it with their own account), in the language of the recipient's
 * account if they have one that chose, else the school's; the link's end in
 * the school's time zone, named. A campaign's reminder (`reminder`) says it
 * is one, and that the earlier link no longer works.
 */
export async function sendConnectLinkMail(
  ctx: ConnectLinkSender,
  link: { address: string; delegateAccount?: string | null; token: string; days: number; expiresAt: Date },
  { reminder = false }: { reminder?: boolean } = {},
): Promise<void> {
  const to = link.delegateAccount ?? link.address;
  const locale = await addressLocale(await getDb(), to, ctx.tenantLocale);
  const t = createTranslator(locale);
  const vars = {
    admin: ctx.userEmail,
    tenant: ctx.tenantName,
    address: link.address,
    days: link.days,
    until: momentWithZone(t, mailDates(locale, ctx.timeZone), link.expiresAt),
    link: connectLinkUrl(link.token),
  };
  const body = link.delegateAccount
    ? t("mailboxes.connectLinks.mail.bodyDelegate", { ...vars, delegate: link.delegateAccount })
    : t("mailboxes.connectLinks.mail.body", vars);
  const subjectVars = { tenant: ctx.tenantName, address: link.address };
  await sendPlatformMail({
    to,
    // A reminder says so first: the earlier message's link no longer works.
    subject: reminder
      ? t("mailboxes.connectLinks.mail.reminderSubject", subjectVars)
      : t("mailboxes.connectLinks.mail.subject", subjectVars),
    text: reminder
      ? `${t("mailboxes.connectLinks.mail.reminderLead", { address: link.address })}\n\n${body}`
      : body,
  });
}
