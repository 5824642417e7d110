import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { newLinkToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import { invitationLifetimeMs } from "./invitation-state";
import type { InvitationInput } from "./member-schemas";
import { sendInvitationMail } from "./send-invitation-mail";

/**
 * Mails a pending (possibly expired) invitation again with a fresh link and
 * a fresh lifetime. Only the hash is stored, so the old link cannot be sent
 * again: it is replaced, and stops working.
 */
export async function resendInvitation(ctx: TenantContext, input: InvitationInput) {
  if (!can(ctx, "members.write")) throw forbidden();
  const { token, tokenHash } = newLinkToken();
  const db = await getDb();
  const expiresAt = new Date(Date.now() + invitationLifetimeMs);
  const invitation = await db.$transaction(async (tx) => {
    const found = await tx.invitation.findFirst({
      where: { id: input.invitationId, tenantId: ctx.tenantId },
      select: { id: true, email: true, role: true },
    });
    if (!found) throw notFound();
    const { count } = await tx.invitation.updateMany({
      where: { id: found.id, tenantId: ctx.tenantId, acceptedAt: null, revokedAt: null },
      data: { tokenHash, expiresAt },
    });
    if (count !== 1) throw new DomainError("conflict", "members.invitations.notPending");
    await recordAudit(tx, ctx, {
      action: "invitation.resent",
      targetType: "invitation",
      targetId: found.id,
      targetLabel: found.email,
      details: { role: found.role },
    });
    return found;
  });
  await sendInvitationMail(ctx, { email: invitation.email, role: invitation.role, token, expiresAt });
  return { email: invitation.email };
}
