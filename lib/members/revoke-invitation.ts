import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { InvitationInput } from "./member-schemas";

/** Withdraws a pending invitation: its link answers "revoked" from now on. */
export async function revokeInvitation(ctx: TenantContext, input: InvitationInput) {
  if (!can(ctx, "members.write")) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: input.invitationId, tenantId: ctx.tenantId },
      select: { id: true, email: true, role: true },
    });
    if (!invitation) throw notFound();
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, tenantId: ctx.tenantId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) throw new DomainError("conflict", "members.invitations.notPending");
    await recordAudit(tx, ctx, {
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitation.id,
      targetLabel: invitation.email,
      details: { role: invitation.role },
    });
    return { email: invitation.email };
  });
}
