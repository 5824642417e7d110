import { getDb } from "@/lib/db/client";

/** Where a school has not chosen (the schema's default) or its zone is not one we know. */
export const DEFAULT_TIME_ZONE = "Europe/Paris";

/** The zone itself when the runtime knows it (IANA names, as PostgreSQL's), else the default. */
export function knownTimeZone(zone: string | null | undefined): string {
  if (!zone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** The school's time zone (`Tenant.timeZone`), in which its charts cut hours and days. */
export async function readSchoolTimeZone(tenantId: string): Promise<string> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } });
  return knownTimeZone(tenant?.timeZone);
}
