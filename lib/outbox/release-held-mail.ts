import { getDb, type Db, type DbTransaction } from "@/lib/db/client";

/**
 * The mailbox can send again (reconnected): its held mail goes back to the
 * queue, due now. Call it where new tokens are stored, in the same
 * transaction (it sees the new state). Returns how many. The `mailbox`
 * filters join by the mail's (tenantId, mailboxId), the relation's key.
 */
export async function releaseHeldMail(
  tenantId: string,
  mailboxId: string,
  tx?: Db | DbTransaction,
): Promise<number> {
  const db = tx ?? (await getDb());
  const { count } = await db.outgoingMail.updateMany({
    where: { tenantId, mailboxId, status: "held", mailbox: { state: "connected" } },
    data: { status: "queued", nextAttemptAt: new Date(), lastError: null },
  });
  return count;
}

/**
 * Held mail of every mailbox that can send again: connected and not (or no
 * longer) paused. The worker runs this now and then, so that a pause ends by itself.
 */
export async function releaseResumedMail(now = new Date()): Promise<number> {
  const db = await getDb();
  const { count } = await db.outgoingMail.updateMany({
    where: {
      status: "held",
      mailbox: { state: "connected", OR: [{ pausedUntil: null }, { pausedUntil: { lte: now } }] },
    },
    data: { status: "queued", nextAttemptAt: now, lastError: null },
  });
  return count;
}
