import { notFound } from "@/lib/errors/domain-error";
import type { Actor } from "@/lib/auth/tenant-context";
import { connectLinkState } from "@/lib/connect-links/connect-link-state";
import { getDb } from "@/lib/db/client";
import { linkInvalid, personActor, type FlowActor } from "./flow-actor";

/**
 * The actor that started a flow, checked again when it completes (a person
 * may have lost their membership, a link may have been revoked meanwhile):
 * the same person, in the row's tenant; or the row's connect link, still valid.
 */
export async function reloadFlowActor(
  row: { tenantId: string; userId: string | null; connectLinkId: string | null },
  user: Actor | null,
  ip: string | null,
): Promise<FlowActor> {
  const db = await getDb();
  if (row.userId) {
    const tenant = await db.tenant.findFirst({ where: { id: row.tenantId }, select: { slug: true } });
    if (!user || user.userId !== row.userId || !tenant) throw notFound();
    return personActor(user, tenant.slug);
  }
  if (!row.connectLinkId) throw linkInvalid();
  const link = await db.connectLink.findFirst({
    where: { id: row.connectLinkId, tenantId: row.tenantId },
    select: {
      id: true,
      tenantId: true,
      mailboxId: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      mailbox: {
        select: {
          address: true,
          clientConfigurationId: true,
          clientConfiguration: { select: { provider: true } },
          tenant: { select: { slug: true, name: true, suspendedAt: true } },
        },
      },
    },
  });
  if (!link) throw linkInvalid();
  const tenant = link.mailbox.tenant;
  if (connectLinkState({ ...link, tenantSuspended: tenant.suspendedAt !== null }) !== "valid")
    throw linkInvalid();
  return {
    kind: "link",
    ip,
    link: {
      id: link.id,
      tenantId: link.tenantId,
      tenantSlug: tenant.slug,
      tenantName: tenant.name,
      mailboxId: link.mailboxId,
      mailboxAddress: link.mailbox.address,
      clientConfigurationId: link.mailbox.clientConfigurationId,
      provider: link.mailbox.clientConfiguration.provider,
    },
  };
}
