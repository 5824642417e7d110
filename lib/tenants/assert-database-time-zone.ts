import type { Db, DbTransaction } from "@/lib/db/client";
import { fieldError } from "@/lib/errors/field-error";

/**
 * Refuses a time zone the database cannot count in. The settings' list is
 * Node's (its ICU data), but the school's day is counted by PostgreSQL (`AT
 * TIME ZONE`: the relay's daily caps, docs/dates-and-time-zones.md), whose
 * time zone data is its own (the server's, PGlite's): a zone only one of them
 * knows would make those statements fail for the school. Checked when a zone
 * is chosen (a school created, its zone changed), not on every save.
 */
export async function assertDatabaseTimeZone(db: Db | DbTransaction, timeZone: string): Promise<void> {
  const [known] = await db.$queryRaw<{ known: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = ${timeZone}) AS known`;
  if (!known?.known) throw fieldError("timeZone", "settings.region.errors.timeZoneUnknown");
}
