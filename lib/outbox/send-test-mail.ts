import type { TenantContext } from "@/lib/auth/tenant-context";
import { createTranslator } from "@/lib/i18n/translate";
import { isLocale } from "@/lib/i18n/locales";
import { queueMail } from "./queue-mail";

/** Queues a short mail from the mailbox to the person asking, to see the whole chain work. */
export async function sendTestMail(ctx: TenantContext, mailboxId: string, locale: string) {
  const t = createTranslator(isLocale(locale) ? locale : "en");
  return queueMail(
    { kind: "person", ctx },
    {
      mailbox: { mailboxId },
      draft: {
        to: [ctx.userEmail],
        cc: [],
        bcc: [],
        subject: t("outbox.testMail.subject"),
        text: t("outbox.testMail.body", { tenant: ctx.tenantName }),
        attachments: [],
      },
    },
  );
}
