import type { Db, DbTransaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** Mail not yet handed to a worker: what a cancellation may still stop. */
export const WAITING_MAIL_STATUSES = ["queued", "held"] as const;

/**
 * Cancels the waiting mail `where` selects (its caller names the tenant, or
 * every school for an operator's erasure), with `reason` as its last error;
 * how many. Mail being sent right now ends as its worker settles it.
 */
export async function cancelWaitingMail(
  db: Db | DbTransaction,
  where: Prisma.OutgoingMailWhereInput,
  reason: string,
): Promise<number> {
  const { count } = await db.outgoingMail.updateMany({
    where: { ...where, status: { in: [...WAITING_MAIL_STATUSES] } },
    data: { status: "cancelled", lastError: reason },
  });
  return count;
}
