import { z } from "zod";
import { DomainError } from "@/lib/auth/errors";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { tenantNameSchema, tenantSlugSchema } from "./tenant-slug";

export const createTenantSchema = z.object({ slug: tenantSlugSchema, name: tenantNameSchema });
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
 * operator page's action, the command line) has checked that. The entry
 * goes to the new tenant's own log, so that its admins see who created it.
 */
export async function createTenant(by: AuditActor, input: CreateTenantInput) {
  const { slug, name } = createTenantSchema.parse(input);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.tenant.findUnique({ where: { slug }, select: { id: true } })) throw slugTaken(slug);
      const tenant = await tx.tenant.create({
        data: { slug, name },
        select: { id: true, slug: true, name: true },
      });
      await recordAudit(
        tx,
        { ...by, tenantId: tenant.id },
        {
          action: "tenant.created",
          targetType: "tenant",
          targetId: tenant.id,
          targetLabel: tenant.name,
          details: { slug },
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
