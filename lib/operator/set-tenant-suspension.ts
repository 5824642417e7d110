import { z } from "zod";
import { notFound } from "@/lib/errors/domain-error";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";

export const tenantSuspensionInput = z.object({ id: z.uuid({ error: "errors.validation.invalid" }) });

/**
 * Suspends or reinstates a school. While suspended its people get "not found"
 * on its pages (resolveTenantContext) and its connect links are unknown; its
 * data stays. Only platform operators may: the caller has checked that. The
 * entry goes to the tenant's own log, so that its admins see who did it.
 */
export async function setTenantSuspension(by: AuditActor, tenantId: string, suspended: boolean) {
  if (!isUuid(tenantId)) throw notFound();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, name: true, suspendedAt: true },
    });
    if (!tenant) throw notFound();
    if (Boolean(tenant.suspendedAt) === suspended) return { id: tenant.id, changed: false };
    await tx.tenant.update({
      where: { id: tenant.id },
      data: { suspendedAt: suspended ? new Date() : null },
    });
    await recordAudit(
      tx,
      { ...by, tenantId: tenant.id },
      {
        action: suspended ? "tenant.suspended" : "tenant.unsuspended",
        targetType: "tenant",
        targetId: tenant.id,
        targetLabel: tenant.name,
      },
    );
    return { id: tenant.id, changed: true };
  });
}
