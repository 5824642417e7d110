import { isUuid } from "@/lib/ids/is-uuid";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { maxBulkTargets } from "@/lib/mailboxes/bulk/resolve-bulk-targets";
import { effectiveTransport } from "@/lib/transports/mail-transports";
import { TRANSPORT_NEEDS_CONSENT } from "@/lib/transports/settle-transport-change";

/**
 * The mailboxes of a configuration that wait for a consent since a transport
 * change asked for a permission their grant lacks (settleTransportChange),
 * by address: what its page lists, with "Send reconnect links to all".
 */
export async function listReconsentMailboxes(ctx: TenantContext, clientConfigurationId: string) {
  if (!can(ctx, "clients.read")) throw forbidden();
  if (!isUuid(clientConfigurationId)) throw notFound();
  const db = await getDb();
  const where = {
    tenantId: ctx.tenantId,
    clientConfigurationId,
    state: "insufficient_scope" as const,
    lastErrorCode: TRANSPORT_NEEDS_CONSENT,
  };
  const [total, rows] = await Promise.all([
    db.mailbox.count({ where }),
    db.mailbox.findMany({
      where,
      select: {
        id: true,
        address: true,
        delegateAccount: true,
        transport: true,
        clientConfiguration: { select: { transport: true } },
      },
      orderBy: { address: "asc" },
      take: maxBulkTargets,
    }),
  ]);
  return {
    total,
    mailboxes: rows.map(({ clientConfiguration, ...row }) => ({
      id: row.id,
      address: row.address,
      delegateAccount: row.delegateAccount,
      transport: effectiveTransport(clientConfiguration, row),
    })),
  };
}

export type ReconsentMailboxes = Awaited<ReturnType<typeof listReconsentMailboxes>>;
