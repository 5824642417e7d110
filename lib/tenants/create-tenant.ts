import { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/dates/time-zones";
import { defaultSchoolLocale } from "@/lib/i18n/locales";
import { schoolLocaleSchema, schoolTimeZoneSchema } from "./tenant-settings-schemas";
import { tenantNameSchema, tenantSlugSchema } from "./tenant-slug";

export const createTenantSchema = z.object({
  slug: tenantSlugSchema,
  name: tenantNameSchema,
  // French schools first: French and Paris unless the operator says otherwise.
  locale: schoolLocaleSchema.default(defaultSchoolLocale),
  timeZone: schoolTimeZoneSchema.default(DEFAULT_TIME_ZONE),
});
export type CreateTenantFields = z.input<typeof createTenantSchema>;
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

const slugTaken = (slug: string) =>
  new DomainError(
    "conflict",
    "operator.errors.slugTaken",
    { slug },
    { slug: "operator.errors.slugTakenField" },
  );

/**
 * Creates a tenant (a school). Only platform operators may: the caller (the
 * operator page's action, the command line) has checked that. Its language
 * and time zone default to French and Europe/Paris. The entry
 * goes to the new tenant's own log, so that its admins see who created it.
 */
export async function createTenant(by: AuditActor, input: CreateTenantFields) {
  const { slug, name, locale, timeZone } = createTenantSchema.parse(input);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.tenant.findUnique({ where: { slug }, select: { id: true } })) throw slugTaken(slug);
      const tenant = await tx.tenant.create({
        data: { slug, name, locale, timeZone },
        select: { id: true, slug: true, name: true, locale: true, timeZone: true },
      });
      await recordAudit(
        tx,
        { ...by, tenantId: tenant.id },
        {
          action: "tenant.created",
          targetType: "tenant",
          targetId: tenant.id,
          targetLabel: tenant.name,
          details: { slug, language: locale, timeZone },
        },
      );
      return tenant;
    });
  } catch (error) {
    // Two creations of one slug at once: the second loses at the unique index.
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}
