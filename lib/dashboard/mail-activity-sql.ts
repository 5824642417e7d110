import { Prisma } from "@/lib/db/generated/client";
import { rangeBuckets, type MailActivityRange } from "./mail-activity-range";

/*
 * The mail columns are timestamps without zone holding UTC. A school's hours and
 * days are cut in its own time zone:
 *
 * - hours are real hours: the current one starts where the school's clock last
 *   showed a whole hour (so a zone at UTC+5:30 gets its own half-hour
 *   boundaries), and the ones before it are 60 minutes each, so that the night
 *   a clock goes back has two buckets labelled 02:00 and the night it goes
 *   forward none that is skipped;
 * - days are the school's calendar days: from midnight to midnight on its clock,
 *   23 or 25 hours long on the days the clock changes.
 *
 * Both are written as boundaries: the `count + 1` instants (UTC, without zone,
 * like the columns) that open each bucket and close the last one. A mail falls in
 * bucket i when boundary i <= its time < boundary i + 1 (`width_bucket`).
 */

/**
 * Boundary `i` (0 … count, an SQL integer expression) of a range's buckets, as a UTC
 * timestamp without zone; `timeZone` is an SQL text expression (a parameter or a column).
 */
export function bucketBoundarySql(
  range: MailActivityRange,
  now: Date,
  timeZone: Prisma.Sql,
  i: Prisma.Sql,
): Prisma.Sql {
  const { unit, count } = rangeBuckets[range];
  const utc = Prisma.sql`${now.toISOString()}::timestamp(3)`;
  const local = Prisma.sql`((${utc} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})`;
  const back = Prisma.sql`(${i} - ${count - 1}::int)`;
  if (unit === "hour") {
    // Now, less the minutes past the school's last whole hour, then whole hours back or forth.
    return Prisma.sql`(${utc} - (${local} - date_trunc('hour', ${local})) + ${back} * interval '1 hour')`;
  }
  // Midnight of the school's day, back or forth in calendar days, read on its clock.
  return Prisma.sql`(((date_trunc('day', ${local}) + ${back} * interval '1 day') AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC')`;
}
