import type { TenantContext } from "@/lib/auth/tenant-context";
import { createTranslator } from "@/lib/i18n/translate";
import { isLocale } from "@/lib/i18n/locales";
import { queuePortalMail } from "./queue-portal-mail";

/**
 * Queues a short mail from the mailbox to the person asking, to see the
 * whole chain work; held (and said so) while the mailbox cannot send,
 * refused when it never will.
 */
export async function sendTestMail(ctx: TenantContext, mailboxId: string, locale: string) {
  const t = createTranslator(isLocale(locale) ? locale : "en");
  return queuePortalMail(
    ctx,
    mailboxId,
    {
      to: [ctx.userEmail],
      cc: [],
      bcc: [],
      subject: t("outbox.testMail.subject"),
      text: t("outbox.testMail.body", { tenant: ctx.tenantName }),
      attachments: [],
    },
    "test",
  );
}
