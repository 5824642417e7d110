import { getDb, type Db, type DbTransaction } from "@/lib/db/client";
import { cancelWaitingMail } from "./cancel-waiting-mail";

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
  return cancelWaitingMail(tx ?? (await getDb()), { tenantId, mailboxId }, "mailbox_revoked");
}
