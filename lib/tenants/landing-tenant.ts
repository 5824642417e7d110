import { getDb } from "@/lib/db/client";

/**
 * The school a person lands in after signing in: the one they used last, else
 * the first by name. Suspended schools are skipped; null when they belong to none.
 */
export async function landingTenantSlug(userId: string): Promise<string | null> {
  const db = await getDb();
  const membership = await db.membership.findFirst({
    where: { userId, tenant: { suspendedAt: null } },
    select: { tenant: { select: { slug: true } } },
    orderBy: [{ lastVisitedAt: { sort: "desc", nulls: "last" } }, { tenant: { name: "asc" } }],
  });
  return membership?.tenant.slug ?? null;
}
