import { DomainError } from "@/lib/errors/domain-error";
import { hashLinkToken } from "@/lib/auth/tokens";
import { publicUrl } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { mailLocale } from "@/lib/notifications/recipients";
import { invitationState } from "./invitation-state";
import { invitationStateError } from "./invitation-state-error";

export const reinviteRequestIntervalMs = 60 * 60 * 1000;
const reinviteAction = "invitation.reinvite_requested";

/**
 * From an expired or used invitation link, tells the tenant's admins that
 * its address asks to be invited again, each in their language (else the
 * school's). Each request is an audit entry on
 * the invitation, which is also what limits requests to one per hour.
 */
export async function requestNewInvitation(token: string, ip: string | null) {
  const db = await getDb();
  const tokenHash = hashLinkToken(token);
  const now = new Date();
  const { invitation, admins } = await db.$transaction(async (tx) => {
    // Locked so that two clicks at once cannot both pass the hourly limit.
    await tx.$queryRaw`SELECT "id" FROM "Invitation" WHERE "tokenHash" = ${tokenHash} FOR UPDATE`;
    const found = await tx.invitation.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        tenantId: true,
        email: true,
        acceptedAt: true,
        revokedAt: true,
        expiresAt: true,
        tenant: { select: { name: true, slug: true, suspendedAt: true, locale: true } },
      },
    });
    const state = invitationState(found, now);
    if (!found || state === "unknown") throw invitationStateError("unknown");
    if (state !== "expired" && state !== "used") {
      throw new DomainError("conflict", "members.reinvite.notAllowed");
    }
    const recent = await tx.auditEntry.findFirst({
      where: {
        tenantId: found.tenantId,
        action: reinviteAction,
        targetId: found.id,
        createdAt: { gt: new Date(now.getTime() - reinviteRequestIntervalMs) },
      },
      select: { id: true },
    });
    if (recent) throw new DomainError("rate_limited", "members.reinvite.tooSoon");
    // Written directly rather than through recordAudit: the requester has no
    // account to name as actor, only the address the invitation was for.
    await tx.auditEntry.create({
      data: {
        tenantId: found.tenantId,
        actorId: null,
        actorLabel: found.email,
        ip,
        action: reinviteAction,
        targetType: "invitation",
        targetId: found.id,
        targetLabel: found.email,
        details: { state },
      },
    });
    const adminMemberships = await tx.membership.findMany({
      where: { tenantId: found.tenantId, role: "admin", user: { disabledAt: null } },
      select: { user: { select: { email: true, locale: true } } },
    });
    return { invitation: { ...found, state }, admins: adminMemberships.map((m) => m.user) };
  });

  for (const admin of admins) {
    const t = createTranslator(mailLocale(admin.locale, invitation.tenant.locale));
    await sendPlatformMail({
      to: admin.email,
      subject: t("members.reinvite.mailSubject", { email: invitation.email, tenant: invitation.tenant.name }),
      text: t("members.reinvite.mailBody", {
        email: invitation.email,
        tenant: invitation.tenant.name,
        state: t(`members.reinvite.mailStates.${invitation.state}`),
        link: `${publicUrl()}/t/${invitation.tenant.slug}/members`,
      }),
    });
  }
  return { tenantName: invitation.tenant.name };
}
