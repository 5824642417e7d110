import { getDb } from "@/lib/db/client";
import { deviceFlowAvailable } from "@/lib/mailboxes/device-flow-available";
import { resolveConnectLink } from "./resolve-connect-link";

/** What the public connect page shows: the link as resolved, and whether a device code can be offered. */
export async function inspectConnectLink(token: string) {
  const resolved = await resolveConnectLink(token);
  if (resolved.state !== "valid") return { ...resolved, deviceFlow: false };
  const db = await getDb();
  const configuration = await db.clientConfiguration.findFirst({
    where: { id: resolved.link.clientConfigurationId, tenantId: resolved.link.tenantId },
    select: { provider: true, deviceEndpoint: true },
  });
  return { ...resolved, deviceFlow: configuration ? deviceFlowAvailable(configuration) : false };
}
