import { getDb } from "@/lib/db/client";

/**
 * Deletes the per-hour sending counts of hours the sending limits no longer
 * read (the day window reads the hours that started less than a day ago),
 * with an hour's margin. Run with the worker's other chores; returns how many
 * were deleted.
 */
export async function pruneSendingHours(now = new Date()): Promise<number> {
  const db = await getDb();
  const { count } = await db.mailboxSendingHour.deleteMany({
    where: { hour: { lt: new Date(now.getTime() - 26 * 3_600_000) } },
  });
  return count;
}
