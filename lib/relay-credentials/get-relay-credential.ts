import { notFound } from "@/lib/auth/errors";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/mailboxes/mailbox-id";
import { requireRelayAdmin, type RelayAdmin } from "./relay-admin";

const RECENT_EVENTS = 50;

/**
 * One credential with what a technician needs to see why a device's mail did
 * not go: its recent sessions and refusals, and its mail of the last 24 hours.
 */
export async function getRelayCredential(by: RelayAdmin, id: string) {
  requireRelayAdmin(by);
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  const credential = await db.relayCredential.findFirst({
    where: { id, tenantId: by.tenantId },
    select: {
      id: true,
      name: true,
      username: true,
      fromPolicy: true,
      allowedNetworks: true,
      dailyCap: true,
      lastUsedAt: true,
      lastUsedIp: true,
      revokedAt: true,
      createdAt: true,
      mailboxes: { select: { mailbox: { select: { id: true, address: true, state: true } } } },
    },
  });
  if (!credential) throw notFound();
  const since = new Date(Date.now() - 86_400_000);
  const [events, mailLastDay] = await Promise.all([
    db.relayEvent.findMany({
      where: { tenantId: by.tenantId, credentialId: id },
      orderBy: { createdAt: "desc" },
      take: RECENT_EVENTS,
      select: {
        id: true,
        kind: true,
        clientIp: true,
        code: true,
        reason: true,
        detail: true,
        messages: true,
        refusals: true,
        startedAt: true,
        createdAt: true,
      },
    }),
    db.outgoingMail.count({
      where: { tenantId: by.tenantId, relayCredentialId: id, createdAt: { gte: since } },
    }),
  ]);
  const { mailboxes, ...rest } = credential;
  return {
    ...rest,
    mailboxes: mailboxes.map((m) => m.mailbox).sort((a, b) => a.address.localeCompare(b.address)),
    events: events.map((event) => ({ ...event, id: event.id.toString() })),
    mailLastDay,
  };
}

export type RelayCredentialDetails = Awaited<ReturnType<typeof getRelayCredential>>;
