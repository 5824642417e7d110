import { getDb } from "@/lib/db/client";

/**
 * Notes that the person opened one of the school's pages, so that their next
 * sign-in lands there. Written at most once a minute per membership, and never
 * for someone who is not a member (an operator looking at a school).
 */
export async function rememberTenantVisit(userId: string, tenantId: string): Promise<void> {
  const db = await getDb();
  await db.$executeRaw`
    UPDATE "Membership" SET "lastVisitedAt" = now()
     WHERE "tenantId" = ${tenantId}::uuid AND "userId" = ${userId}::uuid
       AND ("lastVisitedAt" IS NULL OR "lastVisitedAt" < now() - interval '1 minute')`;
}
