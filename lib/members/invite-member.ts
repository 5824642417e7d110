import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden } from "@/lib/auth/errors";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { newLinkToken, normalizeEmail } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import { invitationLifetimeMs } from "./invitation-state";
import type { InviteMemberInput } from "./member-schemas";
import { sendInvitationMail } from "./send-invitation-mail";

/**
 * Invites an address into the tenant. An older pending invitation for the
 * same address is revoked, so that only the newest link works and the admins
 * see one row per person.
 */
export async function inviteMember(ctx: TenantContext, input: InviteMemberInput) {
  if (!can(ctx, "members.write")) throw forbidden();
  const email = normalizeEmail(input.email);
  const { token, tokenHash } = newLinkToken();
  const db = await getDb();
  const invitation = await db.$transaction(async (tx) => {
    // Two invitations of one address at once (a double click) would both
    // find no pending one; this lock makes the second wait for the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invite:${ctx.tenantId}:${email}`}, 0))`;
    const member = await tx.membership.findFirst({
      where: { tenantId: ctx.tenantId, user: { email } },
      select: { id: true },
    });
    if (member) {
      throw new DomainError("conflict", "errors.invalidInput", undefined, {
        email: "members.invite.alreadyMember",
      });
    }
    const now = new Date();
    const replaced = await tx.invitation.updateMany({
      where: { tenantId: ctx.tenantId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        tenantId: ctx.tenantId,
        email,
        role: input.role,
        tokenHash,
        invitedById: ctx.userId,
        expiresAt: new Date(now.getTime() + invitationLifetimeMs),
      },
      select: { id: true, expiresAt: true },
    });
    await recordAudit(tx, ctx, {
      action: "member.invited",
      targetType: "invitation",
      targetId: created.id,
      targetLabel: email,
      details: { role: input.role, replacedInvitations: replaced.count },
    });
    return created;
  });
  // After the commit: a mail cannot be taken back if the transaction failed.
  // Should sending fail, the invitation stays listed and can be sent again.
  await sendInvitationMail(ctx, { email, role: input.role, token, expiresAt: invitation.expiresAt });
  return { invitationId: invitation.id, email };
}
