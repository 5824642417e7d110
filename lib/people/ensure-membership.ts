import { DomainError } from "@/lib/errors/domain-error";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { DbTransaction } from "@/lib/db/client";
import type { TenantRole } from "@/lib/db/generated/enums";

export interface MembershipChange {
  tenantSlug: string;
  role: TenantRole;
  previousRole: TenantRole | null;
  change: "added" | "role_changed" | "unchanged";
}

/**
 * Gives a person a role in the tenant named by `tenantSlug` inside the
 * caller's transaction: adds the membership, changes its role, or leaves it.
 * For operators, who act on any tenant; a tenant admin invites instead.
 */
export async function ensureMembership(
  tx: DbTransaction,
  by: AuditActor,
  user: { id: string; email: string },
  tenantSlug: string,
  role: TenantRole,
): Promise<MembershipChange> {
  const tenant = await tx.tenant.findUnique({
    where: { slug: tenantSlug },
    select: { id: true, slug: true },
  });
  if (!tenant)
    throw new DomainError("not_found", "operator.people.errors.tenantNotFound", { slug: tenantSlug });
  const existing = await tx.membership.findUnique({
    where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
    select: { id: true, role: true },
  });
  const result = { tenantSlug: tenant.slug, role, previousRole: existing?.role ?? null };
  if (existing?.role === role) return { ...result, change: "unchanged" };
  const audited = { ...by, tenantId: tenant.id };
  const target = { targetType: "user", targetId: user.id, targetLabel: user.email };
  if (existing) {
    await tx.membership.update({ where: { id: existing.id }, data: { role } });
    await recordAudit(tx, audited, {
      action: "member.role_changed",
      ...target,
      details: { from: existing.role, to: role },
    });
    return { ...result, change: "role_changed" };
  }
  await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role } });
  await recordAudit(tx, audited, { action: "member.added", ...target, details: { role } });
  return { ...result, change: "added" };
}
