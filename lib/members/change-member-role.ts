import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { lockAdminMemberships, refuseLastAdmin } from "@/lib/people/lock-admin-memberships";
import type { ChangeMemberRoleInput } from "./member-schemas";

/** Makes a member admin or an admin member; the tenant always keeps one admin. */
export async function changeMemberRole(ctx: TenantContext, input: ChangeMemberRoleInput) {
  if (!can(ctx, "members.write")) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Locked before the membership is read, so that what is read is current.
    const adminIds = await lockAdminMemberships(tx, ctx.tenantId);
    const membership = await tx.membership.findFirst({
      where: { id: input.membershipId, tenantId: ctx.tenantId },
      select: { id: true, role: true, user: { select: { email: true } } },
    });
    if (!membership) throw notFound();
    const result = { membershipId: membership.id, email: membership.user.email, role: input.role };
    if (membership.role === input.role) return { ...result, changed: false };
    if (membership.role === "admin") refuseLastAdmin(adminIds, membership.id, "members.lastAdmin.demote");
    const { count } = await tx.membership.updateMany({
      where: { id: membership.id, tenantId: ctx.tenantId },
      data: { role: input.role },
    });
    if (count !== 1) throw notFound();
    await recordAudit(tx, ctx, {
      action: "member.role_changed",
      targetType: "membership",
      targetId: membership.id,
      targetLabel: membership.user.email,
      details: { from: membership.role, to: input.role },
    });
    return { ...result, changed: true };
  });
}
