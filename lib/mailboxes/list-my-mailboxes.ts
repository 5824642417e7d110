import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { deviceFlowAvailable } from "./device-flow-available";

/** The mailboxes assigned to the signed-in person in this tenant, whatever their role. */
export async function listMyMailboxes(ctx: TenantContext) {
  const db = await getDb();
  const rows = await db.mailbox.findMany({
    where: {
      tenantId: ctx.tenantId,
      assignments: { some: { tenantId: ctx.tenantId, userId: ctx.userId } },
    },
    orderBy: { address: "asc" },
    select: {
      id: true,
      address: true,
      displayName: true,
      state: true,
      lastErrorCode: true,
      connectedAt: true,
      clientConfiguration: { select: { name: true, provider: true, deviceEndpoint: true } },
    },
  });
  return rows.map(({ clientConfiguration: { deviceEndpoint, ...configuration }, ...row }) => ({
    ...row,
    configuration,
    deviceFlow: deviceFlowAvailable({ provider: configuration.provider, deviceEndpoint }),
  }));
}

export type MyMailbox = Awaited<ReturnType<typeof listMyMailboxes>>[number];
