import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { SchoolRegionInput } from "./tenant-settings-schemas";

/**
 * Sets the school's language (of mail to its people who chose none) and its
 * time zone (of every date its pages and mail show). Each change is audited
 * with its old and new value; saving what is already set records nothing.
 */
export async function setSchoolRegion(ctx: TenantContext, input: SchoolRegionInput) {
  if (!can(ctx, "tenant.write")) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Locked, so that two admins saving at once are both recorded with the right "from".
    const [current] = await tx.$queryRaw<{ locale: string; timeZone: string }[]>`
      SELECT locale, "timeZone" FROM "Tenant" WHERE id = ${ctx.tenantId}::uuid FOR UPDATE`;
    if (!current) throw notFound();
    const changed = {
      locale: current.locale !== input.locale,
      timeZone: current.timeZone !== input.timeZone,
    };
    if (!changed.locale && !changed.timeZone) return { ...input, changed: false };
    await tx.tenant.update({
      where: { id: ctx.tenantId },
      data: { locale: input.locale, timeZone: input.timeZone },
    });
    const target = { targetType: "tenant", targetId: ctx.tenantId, targetLabel: ctx.tenantName } as const;
    if (changed.timeZone) {
      await recordAudit(tx, ctx, {
        action: "tenant.time_zone_changed",
        ...target,
        details: { from: current.timeZone, to: input.timeZone },
      });
    }
    if (changed.locale) {
      await recordAudit(tx, ctx, {
        action: "tenant.language_changed",
        ...target,
        details: { from: current.locale, to: input.locale },
      });
    }
    return { ...input, changed: true };
  });
}
