import type { TenantContext } from "@/lib/auth/tenant-context";
import { publicUrl } from "@/lib/config/public-url";
import type { TenantRole } from "@/lib/db/generated/enums";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { invitationLifetimeDays } from "./invitation-state";

/** The invitation mail, in the inviter's language (the invitee's is not known yet). */
export async function sendInvitationMail(
  ctx: TenantContext,
  invitation: { email: string; role: TenantRole; token: string },
  locale: Locale,
): Promise<void> {
  const t = createTranslator(locale);
  await sendPlatformMail({
    to: invitation.email,
    subject: t("members.mail.subject", { tenant: ctx.tenantName }),
    text: t("members.mail.body", {
      inviter: ctx.userEmail,
      tenant: ctx.tenantName,
      role: t(`common.roles.${invitation.role}`),
      days: invitationLifetimeDays,
      link: `${publicUrl()}/invitations/${invitation.token}`,
    }),
  });
}
