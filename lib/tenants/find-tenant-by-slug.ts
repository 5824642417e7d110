import { getDb } from "@/lib/db/client";

/** A tenant by its short name, suspended or not; for the operator command line, which acts on any tenant. */
export async function findTenantBySlug(slug: string) {
  const db = await getDb();
  return db.tenant.findUnique({
    where: { slug: slug.trim().toLowerCase() },
    select: { id: true, slug: true, name: true },
  });
}
