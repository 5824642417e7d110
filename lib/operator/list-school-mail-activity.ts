import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { MailCounts } from "@/lib/dashboard/get-mail-activity";
import { rangeBuckets, type MailActivityRange } from "@/lib/dashboard/mail-activity-range";
import { bucketBoundarySql } from "@/lib/dashboard/mail-activity-sql";
import { knownTimeZone } from "@/lib/i18n/dates/time-zones";

/**
 * Each school's mail sent, failed and held over a range, counted as its own
 * dashboard counts it (lib/dashboard/get-mail-activity.ts): the same definitions,
 * and the range cut in the school's time zone, so that the operator's figure for a
 * school is the total under its chart. Counts only. For each school three index
 * ranges (`[tenantId, status, sentAt]`, the failed mail's `[tenantId, updatedAt]`,
 * `[tenantId, status, createdAt]`): the cost follows the mail in the range, not the
 * table. Callers check the operator.
 */
export async function listSchoolMailActivity(
  range: MailActivityRange,
  now = new Date(),
): Promise<Map<string, MailCounts>> {
  const db = await getDb();
  const schools = await db.tenant.findMany({ select: { id: true, timeZone: true } });
  if (schools.length === 0) return new Map();
  const ids = schools.map((s) => s.id);
  const zones = schools.map((s) => knownTimeZone(s.timeZone));
  // The first bucket's start and the last one's end, on each school's clock.
  const from = bucketBoundarySql(range, now, Prisma.sql`s.tz`, Prisma.sql`0`);
  const to = bucketBoundarySql(range, now, Prisma.sql`s.tz`, Prisma.sql`${rangeBuckets[range].count}::int`);
  const count = (status: "sent" | "failed" | "held", column: string) => {
    const at = Prisma.raw(`m."${column}"`);
    return Prisma.sql`(SELECT count(*)::int FROM "OutgoingMail" m
      WHERE m."tenantId" = s.id AND m.status = ${status}::"OutgoingMailStatus"
        AND ${at} >= w.lo AND ${at} < w.hi)`;
  };
  const rows = await db.$queryRaw<({ id: string } & MailCounts)[]>`
    SELECT s.id, ${count("sent", "sentAt")} AS sent, ${count("failed", "updatedAt")} AS failed,
           ${count("held", "createdAt")} AS held
    FROM unnest(${ids}::uuid[], ${zones}::text[]) AS s(id, tz)
    CROSS JOIN LATERAL (SELECT ${from} AS lo, ${to} AS hi) w`;
  return new Map(
    rows.map((row) => [
      row.id,
      { sent: Number(row.sent), failed: Number(row.failed), held: Number(row.held) },
    ]),
  );
}
