import { getDb } from "@/lib/db/client";

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  memberCount: number;
  createdAt: Date;
  suspendedAt: Date | null;
}

/**
 * Every tenant with its number of members, for platform operators (the
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
    },
  });
  return tenants.map(({ _count, ...tenant }) => ({ ...tenant, memberCount: _count.memberships }));
}
