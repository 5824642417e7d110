import { getDb } from "@/lib/db/client";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/dates/time-zones";

/** A school's time zone, where no tenant context holds it (connect links, API keys). */
export async function getSchoolTimeZone(tenantId: string): Promise<string> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } });
  return tenant?.timeZone ?? DEFAULT_TIME_ZONE;
}
