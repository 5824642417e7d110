import { getDb } from "@/lib/db/client";
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from "@/lib/i18n/dates/time-zones";

/** The zone itself when the runtime knows it (IANA names, as PostgreSQL's), else the default. */
export function knownTimeZone(zone: string | null | undefined): string {
  return (zone && canonicalTimeZone(zone)) || DEFAULT_TIME_ZONE;
}

/** The school's time zone (`Tenant.timeZone`), in which its charts cut hours and days. */
export async function readSchoolTimeZone(tenantId: string): Promise<string> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } });
  return knownTimeZone(tenant?.timeZone);
}
