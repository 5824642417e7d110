import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";

/** Revokes a key at once: its next request is refused with 401. */
export async function revokeApiKey(ctx: TenantContext, id: string) {
  if (!can(ctx, "apiKeys.write")) throw forbidden();
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id, tenantId: ctx.tenantId },
      select: { name: true, prefix: true },
    });
    if (!key) throw notFound();
    const { count } = await tx.apiKey.updateMany({
      where: { id, tenantId: ctx.tenantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 1) {
      await recordAudit(tx, ctx, {
        action: "api_key.revoked",
        targetType: "api_key",
        targetId: id,
        targetLabel: key.name,
        details: { prefix: key.prefix },
      });
    }
    return { id };
  });
}
