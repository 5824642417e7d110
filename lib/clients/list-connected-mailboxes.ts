import { isUuid } from "@/lib/ids/is-uuid";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";

/** How many the application page offers to choose from; past it, the first connected one is checked. */
export const CONNECTED_MAILBOX_CHOICES = 200;

/** The connected mailboxes of one of this school's OAuth applications, by address: the preflight's choice. */
export async function listConnectedMailboxes(ctx: TenantContext, configurationId: string) {
  if (!can(ctx, "clients.read")) throw forbidden();
  if (!isUuid(configurationId)) throw notFound();
  const db = await getDb();
  return db.mailbox.findMany({
    where: { tenantId: ctx.tenantId, clientConfigurationId: configurationId, state: "connected" },
    orderBy: { address: "asc" },
    select: { id: true, address: true },
    take: CONNECTED_MAILBOX_CHOICES,
  });
}
