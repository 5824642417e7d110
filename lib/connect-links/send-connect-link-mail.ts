import type { TenantContext } from "@/lib/auth/tenant-context";
import { publicUrl } from "@/lib/config/public-url";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";

/** The address of a connect link's page; the token is only ever in this URL and the mail. */
export function connectLinkUrl(token: string): string {
  return `${publicUrl()}/connect/${token}`;
}

/**
 * The mail to a mailbox's owner, in the admin's language (the owner's is not
 * known); for a shared mailbox, to its delegate, who connects it with their
 * own account.
 */
export async function sendConnectLinkMail(
  ctx: TenantContext,
  link: { address: string; delegateAccount?: string | null; token: string; days: number },
  locale: Locale,
): Promise<void> {
  const t = createTranslator(locale);
  const vars = {
    admin: ctx.userEmail,
    tenant: ctx.tenantName,
    address: link.address,
    days: link.days,
    link: connectLinkUrl(link.token),
  };
  await sendPlatformMail({
    to: link.delegateAccount ?? link.address,
    subject: t("mailboxes.connectLinks.mail.subject", { tenant: ctx.tenantName, address: link.address }),
    text: link.delegateAccount
      ? t("mailboxes.connectLinks.mail.bodyDelegate", { ...vars, delegate: link.delegateAccount })
      : t("mailboxes.connectLinks.mail.body", vars),
  });
}
