import { getDb } from "@/lib/db/client";
import { requireRelayAdmin, type RelayAdmin } from "./relay-admin";

export type RelayCredentialSummary = Awaited<ReturnType<typeof listRelayCredentials>>[number];

/** The school's relay credentials, newest first, with their mailboxes; never a password or its hash. */
export async function listRelayCredentials(by: RelayAdmin) {
  requireRelayAdmin(by);
  const db = await getDb();
  const rows = await db.relayCredential.findMany({
    where: { tenantId: by.tenantId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
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
      mailboxes: { select: { mailbox: { select: { id: true, address: true } } } },
    },
  });
  return rows.map(({ mailboxes, ...credential }) => ({
    ...credential,
    mailboxes: mailboxes.map((m) => m.mailbox).sort((a, b) => a.address.localeCompare(b.address)),
  }));
}
