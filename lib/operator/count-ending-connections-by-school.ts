import { getDb } from "@/lib/db/client";
import { endingHorizonTimes, type EndingConnections } from "@/lib/dashboard/count-ending-connections";

/**
 * Each school's connected mailboxes ending within 30, 60 and 90 days, as its own
 * dashboard counts them (lib/dashboard/count-ending-connections.ts). Schools with none
 * are absent. One statement over the connected mailboxes of every school; counts only.
 * Callers check the operator.
 */
export async function countEndingConnectionsBySchool(
  now = new Date(),
): Promise<Map<string, EndingConnections>> {
  const db = await getDb();
  const h = endingHorizonTimes(now);
  const rows = await db.$queryRaw<{ id: string; d30: number; d60: number; d90: number }[]>`
    SELECT "tenantId" AS id,
           count(*) FILTER (WHERE "grantEndsAt" <= ${h[30]}::timestamp(3))::int AS d30,
           count(*) FILTER (WHERE "grantEndsAt" <= ${h[60]}::timestamp(3))::int AS d60,
           count(*)::int AS d90
    FROM "Mailbox"
    WHERE state = 'connected' AND "grantEndsAt" <= ${h[90]}::timestamp(3)
    GROUP BY 1`;
  return new Map(
    rows.map((row) => [row.id, { 30: Number(row.d30), 60: Number(row.d60), 90: Number(row.d90) }]),
  );
}
