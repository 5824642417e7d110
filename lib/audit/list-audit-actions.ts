import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";

/** The actions that occur in the tenant's log, for the filter's choices. */
export async function listAuditActions(ctx: TenantContext): Promise<string[]> {
  if (!can(ctx, "audit.read")) throw forbidden();
  const db = await getDb();
  const rows = await db.auditEntry.findMany({
    where: { tenantId: ctx.tenantId },
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((row) => row.action);
}
