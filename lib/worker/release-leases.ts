import { getDb } from "@/lib/db/client";

/** A worker stopping cleanly hands back what it claimed but did not start, due now. */
export async function releaseLeases(workerId: string, mailIds: string[]): Promise<number> {
  if (mailIds.length === 0) return 0;
  const db = await getDb();
  const { count } = await db.outgoingMail.updateMany({
    where: { id: { in: mailIds }, status: "sending", leaseOwner: workerId },
    data: {
      status: "queued",
      leaseOwner: null,
      leaseExpiresAt: null,
      sentAt: null,
      nextAttemptAt: new Date(),
      attempts: { decrement: 1 },
    },
  });
  return count;
}
