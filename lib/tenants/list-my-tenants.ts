import { getDb } from "@/lib/db/client";

/** The tenants a person belongs to, for the tenant switcher. */
export async function listMyTenants(userId: string) {
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { userId, tenant: { suspendedAt: null } },
    select: { role: true, tenant: { select: { slug: true, name: true } } },
    orderBy: { tenant: { name: "asc" } },
  });
  return memberships.map((m) => ({ slug: m.tenant.slug, name: m.tenant.name, role: m.role }));
}
