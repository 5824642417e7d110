import { getDb } from "@/lib/db/client";
import { deviceFlowAvailable } from "@/lib/clients/device-flow-available";
import { resolveConnectLink } from "./resolve-connect-link";

/**
 * What the public connect page shows: the link as resolved, whether a device
 * code can be offered, and who signs in (a shared mailbox's delegate).
 */
export async function inspectConnectLink(token: string) {
  const resolved = await resolveConnectLink(token);
  if (resolved.state !== "valid") return { ...resolved, deviceFlow: false };
  const db = await getDb();
  const [configuration, mailbox] = await Promise.all([
    db.clientConfiguration.findFirst({
      where: { id: resolved.link.clientConfigurationId, tenantId: resolved.link.tenantId },
      select: { provider: true, deviceEndpoint: true },
    }),
    db.mailbox.findFirst({
      where: { id: resolved.link.mailboxId, tenantId: resolved.link.tenantId },
      select: { delegateAccount: true },
    }),
  ]);
  return {
    ...resolved,
    deviceFlow: configuration ? deviceFlowAvailable(configuration) : false,
    /** A shared mailbox is connected by its delegate, with their own account. */
    delegateAccount: mailbox?.delegateAccount ?? null,
  };
}
