import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";

/** The tenant's API keys, newest first, with their mailboxes and rights; never the key itself. */
export async function listApiKeys(ctx: TenantContext) {
  if (!can(ctx, "apiKeys.write")) throw forbidden();
  const db = await getDb();
  const keys = await db.apiKey.findMany({
    where: { tenantId: ctx.tenantId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      manageWebhooks: true,
      mailboxes: { select: { mailbox: { select: { address: true } } } },
    },
  });
  return keys.map(({ mailboxes, ...key }) => ({
    ...key,
    mailboxes: mailboxes.map((m) => m.mailbox.address).sort(),
  }));
}
