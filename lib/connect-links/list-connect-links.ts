import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { connectLinkState } from "./connect-link-state";

const LIMIT = 200;

/** The tenant's connect links, newest first: all of them, or one mailbox's. */
export async function listConnectLinks(ctx: TenantContext, filter: { mailboxId?: string } = {}) {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  if (filter.mailboxId !== undefined && !isUuid(filter.mailboxId)) throw notFound();
  const db = await getDb();
  const links = await db.connectLink.findMany({
    where: { tenantId: ctx.tenantId, ...(filter.mailboxId ? { mailboxId: filter.mailboxId } : {}) },
    orderBy: { createdAt: "desc" },
    take: LIMIT,
    select: {
      id: true,
      mailboxId: true,
      createdById: true,
      sentTo: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      mailbox: { select: { address: true } },
    },
  });
  // ConnectLink has no relation to User: the creators are looked up by the ids these rows hold.
  const creatorIds = [...new Set(links.flatMap((l) => (l.createdById ? [l.createdById] : [])))];
  const creators = creatorIds.length
    ? await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } })
    : [];
  const emailOf = new Map(creators.map((u) => [u.id, u.email]));
  const now = new Date();
  return links.map(({ mailbox, createdById, ...link }) => ({
    ...link,
    address: mailbox.address,
    createdBy: createdById ? (emailOf.get(createdById) ?? null) : null,
    state: connectLinkState(link, now),
  }));
}

export type ConnectLinkListItem = Awaited<ReturnType<typeof listConnectLinks>>[number];
