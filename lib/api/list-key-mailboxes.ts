import { getDb } from "@/lib/db/client";
import type { ApiKeySender } from "@/lib/api-keys/authenticate-api-key";
import { usableMailboxWhere } from "@/lib/outbox/mail-sender";

/** The mailboxes the key may send from, with whether they can send now. */
export async function listKeyMailboxes(sender: ApiKeySender) {
  const db = await getDb();
  const mailboxes = await db.mailbox.findMany({
    where: usableMailboxWhere(sender),
    orderBy: { address: "asc" },
    select: { id: true, address: true, displayName: true, state: true, pausedUntil: true },
  });
  const now = new Date();
  return mailboxes.map((m) => ({
    id: m.id,
    address: m.address,
    displayName: m.displayName,
    state: m.state,
    pausedUntil: m.pausedUntil && m.pausedUntil > now ? m.pausedUntil.toISOString() : null,
  }));
}
