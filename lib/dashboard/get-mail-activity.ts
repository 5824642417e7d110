import { knownTimeZone } from "@/lib/i18n/dates/time-zones";
import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { rangeBuckets, type BucketUnit, type MailActivityRange } from "./mail-activity-range";
import { bucketBoundarySql } from "./mail-activity-sql";

export interface MailCounts {
  sent: number;
  failed: number;
  held: number;
}

export interface MailActivity {
  range: MailActivityRange;
  unit: BucketUnit;
  /** The school's IANA zone, in which the buckets are cut and their labels read. */
  timeZone: string;
  /** Oldest first; `start` and `end` are instants (ISO), `end` excluded. */
  buckets: (MailCounts & { start: string; end: string })[];
  totals: MailCounts;
}

interface Row {
  i: number;
  start: number;
  end: number;
  sent: number;
  failed: number;
  held: number;
}

/**
 * The school's mail per hour (24 h) or per day (7, 30, 90 days), in its time zone,
 * every bucket present (zero when empty). As things stand now:
 *
 * - sent: counted when it was sent (`sentAt`);
 * - failed: when it failed for good (`updatedAt`, which the retention chore leaves alone);
 * - held: mail queued (`createdAt`) in the bucket that is held now, waiting for its
 *   mailbox to be reconnected or its pause to end; it moves to "sent" once it leaves.
 *
 * One statement scoped by tenant: each series is a range of one index
 * (`[tenantId, status, sentAt]`, the failed mail's partial `[tenantId, updatedAt]`,
 * `[tenantId, status, createdAt]`), grouped by bucket with `width_bucket`.
 */
export async function getMailActivity(
  ctx: TenantContext,
  range: MailActivityRange,
  now = new Date(),
): Promise<MailActivity> {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  const db = await getDb();
  // The context holds the school's zone: no second read of the school.
  const timeZone = knownTimeZone(ctx.timeZone);
  const { unit, count } = rangeBuckets[range];
  const tenantId = ctx.tenantId;
  const boundary = bucketBoundarySql(range, now, Prisma.sql`${timeZone}::text`, Prisma.sql`i`);
  const series = (status: "sent" | "failed" | "held", column: string) => {
    const at = Prisma.raw(`m."${column}"`);
    return Prisma.sql`
      SELECT width_bucket(${at}, e.a) AS k, count(*)::int AS n
      FROM edges e JOIN "OutgoingMail" m
        ON m."tenantId" = ${tenantId}::uuid AND m.status = ${status}::"OutgoingMailStatus"
       AND ${at} >= e.a[1] AND ${at} < e.a[${count + 1}::int]
      GROUP BY 1`;
  };
  const rows = await db.$queryRaw<Row[]>`
    WITH bounds AS (
      SELECT i, ${boundary} AS at FROM generate_series(0, ${count}::int) AS i
    ), edges AS (
      SELECT array_agg(at ORDER BY i) AS a FROM bounds
    ), sent AS (${series("sent", "sentAt")}
    ), failed AS (${series("failed", "updatedAt")}
    ), held AS (${series("held", "createdAt")})
    SELECT b.i,
           extract(epoch FROM b.at)::float8 AS start,
           extract(epoch FROM n.at)::float8 AS "end",
           COALESCE(s.n, 0) AS sent, COALESCE(f.n, 0) AS failed, COALESCE(h.n, 0) AS held
    FROM bounds b
    JOIN bounds n ON n.i = b.i + 1
    LEFT JOIN sent s ON s.k = b.i + 1
    LEFT JOIN failed f ON f.k = b.i + 1
    LEFT JOIN held h ON h.k = b.i + 1
    ORDER BY b.i`;

  const totals: MailCounts = { sent: 0, failed: 0, held: 0 };
  const buckets = rows.map((row) => {
    const counts = { sent: Number(row.sent), failed: Number(row.failed), held: Number(row.held) };
    totals.sent += counts.sent;
    totals.failed += counts.failed;
    totals.held += counts.held;
    return {
      start: new Date(Number(row.start) * 1000).toISOString(),
      end: new Date(Number(row.end) * 1000).toISOString(),
      ...counts,
    };
  });
  return { range, unit, timeZone, buckets, totals };
}
