import type { Db, DbTransaction } from "@/lib/db/client";

/**
 * A person's data is erased (lib/people/erase-personal-data.ts): the mail they
 * queued that is still waiting (queued, held) will never be sent. In one
 * school (`tenantId`) or in all of them (null); call it from the erasure, in
 * its transaction. Mail being sent right now ends as its worker settles it.
 */
export async function cancelMailOfErasedSender(
  tx: Db | DbTransaction,
  userId: string,
  tenantId: string | null,
): Promise<number> {
  const { count } = await tx.outgoingMail.updateMany({
    where: { createdById: userId, ...(tenantId ? { tenantId } : {}), status: { in: ["queued", "held"] } },
    data: { status: "cancelled", lastError: "sender_erased" },
  });
  return count;
}
