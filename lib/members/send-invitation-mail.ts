import type { TenantContext } from "@/lib/auth/tenant-context";
import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import type { TenantRole } from "@/lib/db/generated/enums";
import { momentWithZone } from "@/lib/i18n/dates/moment-with-zone";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { addressLocale, mailDates } from "@/lib/notifications/recipients";
import { invitationLifetimeDays } from "./invitation-state";

/**
 * The invitation mail, in the invitee's language when they have an account
 * that chose one (a member of another school), else the school's; its end
 * in the school's time zone, named.
 */
export async function sendInvitationMail(
  /** The school's context, or what stands for it when the operator invites a school's first admin. */
  ctx: Pick<TenantContext, "tenantName" | "tenantLocale" | "timeZone" | "userEmail">,
  invitation: { email: string; role: TenantRole; token: string; expiresAt: Date },
): Promise<void> {
  const locale = await addressLocale(await getDb(), invitation.email, ctx.tenantLocale);
  const t = createTranslator(locale);
  await sendPlatformMail({
    to: invitation.email,
    subject: t("members.mail.subject", { tenant: ctx.tenantName }),
    text: t("members.mail.body", {
      inviter: ctx.userEmail,
      tenant: ctx.tenantName,
      role: t(`common.roles.${invitation.role}`),
      days: invitationLifetimeDays,
      until: momentWithZone(t, mailDates(locale, ctx.timeZone), invitation.expiresAt),
      link: `${publicUrl()}/invitations/${invitation.token}`,
    }),
  });
}
