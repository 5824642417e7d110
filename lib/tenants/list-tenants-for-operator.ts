import { getDb } from "@/lib/db/client";

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  memberCount: number;
  /** Its administrators: none means nobody can manage it until the operator invites one. */
  adminCount: number;
  createdAt: Date;
  suspendedAt: Date | null;
}

/**
 * Every tenant with its number of members and admins, for platform operators (the
 * operator page and the command line check that). Nothing of a tenant's
 * content, and never a secret.
 */
export async function listTenantsForOperator(): Promise<TenantSummary[]> {
  const db = await getDb();
  const tenants = await db.tenant.findMany({
    orderBy: [{ name: "asc" }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      createdAt: true,
      suspendedAt: true,
      _count: { select: { memberships: true } },
      memberships: { where: { role: "admin" }, select: { id: true } },
    },
  });
  return tenants.map(({ _count, memberships, ...tenant }) => ({
    ...tenant,
    memberCount: _count.memberships,
    adminCount: memberships.length,
  }));
}
