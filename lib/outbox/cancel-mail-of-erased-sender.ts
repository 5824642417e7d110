import type { Db, DbTransaction } from "@/lib/db/client";
import { cancelWaitingMail } from "./cancel-waiting-mail";

/**
 * A person's data is erased (lib/people/erase-personal-data.ts): the mail they
 * queued that is still waiting (queued, held) will never be sent. In one
 * school (`tenantId`) or in all of them (null); call it from the erasure, in
 * its transaction.
 */
export async function cancelMailOfErasedSender(
  tx: Db | DbTransaction,
  userId: string,
  tenantId: string | null,
): Promise<number> {
  return cancelWaitingMail(tx, { createdById: userId, ...(tenantId ? { tenantId } : {}) }, "sender_erased");
}
