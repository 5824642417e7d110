import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { lockAdminMemberships, refuseLastAdmin } from "@/lib/people/lock-admin-memberships";
import type { MembershipInput } from "./member-schemas";

/**
 * Takes a person out of the tenant (their account stays: they may belong to
 * other tenants). An admin may remove themselves, unless they are the last.
 */
export async function removeMember(ctx: TenantContext, input: MembershipInput) {
  if (!can(ctx, "members.write")) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const adminIds = await lockAdminMemberships(tx, ctx.tenantId);
    const membership = await tx.membership.findFirst({
      where: { id: input.membershipId, tenantId: ctx.tenantId },
      select: { id: true, role: true, userId: true, user: { select: { email: true } } },
    });
    if (!membership) throw notFound();
    if (membership.role === "admin") refuseLastAdmin(adminIds, membership.id, "members.lastAdmin.remove");
    const { count } = await tx.membership.deleteMany({
      where: { id: membership.id, tenantId: ctx.tenantId },
    });
    if (count !== 1) throw notFound();
    await recordAudit(tx, ctx, {
      action: "member.removed",
      targetType: "membership",
      targetId: membership.id,
      targetLabel: membership.user.email,
      details: { role: membership.role, userId: membership.userId },
    });
    return { email: membership.user.email, removedSelf: membership.userId === ctx.userId };
  });
}
