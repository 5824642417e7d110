import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { MailRetentionInput } from "./tenant-settings-schemas";

/** The school's settings page: what its admins may change. */
export async function getTenantSettings(ctx: TenantContext) {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({
    where: { id: ctx.tenantId },
    select: { mailBodyRetentionDays: true, locale: true, timeZone: true },
  });
  if (!tenant) throw notFound();
  return tenant;
}

/**
 * Sets how many days the subject, body and attachments of the school's mail
 * are kept once it is sent, failed or cancelled. A shorter period applies to
 * mail already sent: the workers' chore deletes what is now past it, in
 * batches. Audited with the old and new periods.
 */
export async function setMailBodyRetention(ctx: TenantContext, input: MailRetentionInput) {
  if (!can(ctx, "tenant.write")) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Locked, so that two admins saving at once are both recorded with the right "from".
    const [current] = await tx.$queryRaw<{ days: number }[]>`
      SELECT "mailBodyRetentionDays" AS days FROM "Tenant" WHERE id = ${ctx.tenantId}::uuid FOR UPDATE`;
    if (!current) throw notFound();
    const to = input.mailBodyRetentionDays;
    if (current.days === to) return { mailBodyRetentionDays: to, changed: false };
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { mailBodyRetentionDays: to } });
    await recordAudit(tx, ctx, {
      action: "tenant.retention_changed",
      targetType: "tenant",
      targetId: ctx.tenantId,
      targetLabel: ctx.tenantName,
      details: { from: current.days, to },
    });
    return { mailBodyRetentionDays: to, changed: true };
  });
}
