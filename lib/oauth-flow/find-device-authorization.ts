import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { connectableMailboxColumns, connectableMailboxWhere } from "./find-connectable-mailbox";
import type { FlowActor } from "./flow-actor";

/**
 * A device authorization as its starter sees it: in the actor's tenant, on a
 * mailbox the actor may still connect, started by the same person (or the
 * same connect link). Anything else is not found.
 */
export async function findDeviceAuthorization(actor: FlowActor, id: string) {
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  const tenantId = actor.kind === "person" ? actor.ctx.tenantId : actor.link.tenantId;
  const row = await db.deviceAuthorization.findFirst({
    where: {
      id,
      tenantId,
      ...(actor.kind === "person" ? { userId: actor.ctx.userId } : { connectLinkId: actor.link.id }),
      mailbox: connectableMailboxWhere(actor),
    },
    include: { mailbox: { select: { ...connectableMailboxColumns, grantedScopes: true } } },
  });
  if (!row) throw notFound();
  return row;
}

export type DeviceAuthorizationRow = Awaited<ReturnType<typeof findDeviceAuthorization>>;
