import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { requireRelayAdmin, type RelayAdmin } from "./relay-admin";

/** Sessions, and refusals, shown each. */
const RECENT_EVENTS = 30;

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
      firstUsedAt: true,
      lastUsedAt: true,
      lastUsedIp: true,
      revokedAt: true,
      createdAt: true,
      mailboxes: { select: { mailbox: { select: { id: true, address: true, state: true } } } },
    },
  });
  if (!credential) throw notFound();
  const since = new Date(Date.now() - 86_400_000);
  const eventSelect = {
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
  } as const;
  // Sessions and refusals are read apart, so that a busy device's sessions never push its refusals out of view.
  const recent = (kind: "session" | "refusal") =>
    db.relayEvent.findMany({
      where: { tenantId: by.tenantId, credentialId: id, kind },
      orderBy: { createdAt: "desc" },
      take: RECENT_EVENTS,
      select: eventSelect,
    });
  const [sessions, refusals, mailLastDay] = await Promise.all([
    recent("session"),
    recent("refusal"),
    db.outgoingMail.count({
      where: { tenantId: by.tenantId, relayCredentialId: id, createdAt: { gte: since } },
    }),
  ]);
  const events = [...sessions, ...refusals].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const { mailboxes, ...rest } = credential;
  return {
    ...rest,
    mailboxes: mailboxes.map((m) => m.mailbox).sort((a, b) => a.address.localeCompare(b.address)),
    events: events.map((event) => ({ ...event, id: event.id.toString() })),
    mailLastDay,
  };
}

export type RelayCredentialDetails = Awaited<ReturnType<typeof getRelayCredential>>;
