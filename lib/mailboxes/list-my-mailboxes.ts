import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { deviceFlowAvailable } from "@/lib/clients/device-flow-available";
import {
  healthOfMailbox,
  loadMailboxHealthExtras,
  mailboxHealthSelect,
} from "@/lib/mailbox-health/load-mailbox-health";

/** The mailboxes assigned to the signed-in person in this tenant, whatever their role, with their health line. */
export async function listMyMailboxes(ctx: TenantContext) {
  const db = await getDb();
  const rows = await db.mailbox.findMany({
    where: {
      tenantId: ctx.tenantId,
      assignments: { some: { tenantId: ctx.tenantId, userId: ctx.userId } },
    },
    orderBy: { address: "asc" },
    select: {
      ...mailboxHealthSelect,
      id: true,
      address: true,
      displayName: true,
      connectedAt: true,
      delegateAccount: true,
      clientConfiguration: {
        select: { name: true, provider: true, deviceEndpoint: true, transport: true, brokenReason: true },
      },
    },
  });
  const extras = await loadMailboxHealthExtras(
    ctx.tenantId,
    rows.map((row) => row.id),
  );
  const now = new Date();
  return rows.map((row) => {
    const { deviceEndpoint, name, provider } = row.clientConfiguration;
    return {
      id: row.id,
      address: row.address,
      displayName: row.displayName,
      /** A shared mailbox's delegate: the account its owner signs in with to connect it. */
      delegateAccount: row.delegateAccount,
      state: row.state,
      lastErrorCode: row.lastErrorCode,
      pausedUntil: row.pausedUntil,
      connectedAt: row.connectedAt,
      configuration: { name, provider },
      deviceFlow: deviceFlowAvailable({ provider, deviceEndpoint }),
      health: healthOfMailbox(row, extras, now),
    };
  });
}

export type MyMailbox = Awaited<ReturnType<typeof listMyMailboxes>>[number];
