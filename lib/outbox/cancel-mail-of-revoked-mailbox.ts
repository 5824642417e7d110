import { getDb, type Db, type DbTransaction } from "@/lib/db/client";

/**
 * A person revoked the mailbox: its mail that is still waiting will never be
 * sent. Call it from the revocation, in its transaction. Mail being sent right
 * now is cancelled by its worker, which finds no token.
 */
export async function cancelMailOfRevokedMailbox(
  tenantId: string,
  mailboxId: string,
  tx?: Db | DbTransaction,
): Promise<number> {
  const db = tx ?? (await getDb());
  const { count } = await db.outgoingMail.updateMany({
    where: { tenantId, mailboxId, status: { in: ["queued", "held"] } },
    data: { status: "cancelled", lastError: "mailbox_revoked" },
  });
  return count;
}
