import { getDb } from "@/lib/db/client";
import { attemptPendingRevocation, type RevocationAttempt } from "./attempt-pending-revocation";

// While one process asks the provider, the record is out of others' reach this long.
const LEASE_MS = 10 * 60_000;

/**
 * Asks providers again to withdraw grants revoked here while they could not
 * be reached. Each due record is claimed with a compare-and-set on its next
 * attempt time, so that two processes never ask twice at once.
 */
export async function retryPendingRevocations({ now = new Date(), limit = 100 } = {}) {
  const db = await getDb();
  const due = await db.pendingRevocation.findMany({
    where: { nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  const counts: Record<RevocationAttempt, number> = { done: 0, retry: 0, refused: 0, given_up: 0 };
  for (const record of due) {
    const { count } = await db.pendingRevocation.updateMany({
      where: { id: record.id, tenantId: record.tenantId, nextAttemptAt: record.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    });
    if (count === 1) counts[await attemptPendingRevocation(record, now)] += 1;
  }
  return counts;
}
