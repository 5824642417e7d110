import { getDb } from "@/lib/db/client";
import { SQL_NOW } from "@/lib/db/sql-now";
import { Prisma } from "@/lib/db/generated/client";
import { startWorker } from "@/lib/worker/run-worker";

export type DrainOptions = {
  /** Workers running side by side (each its own id, lanes and connections). */
  workers?: number;
  /** The first worker's id; the others get "-2", "-3"… after it. */
  workerId?: string;
  /** Mails each worker claims at once. */
  batch?: number;
  /** Reports only this mailbox's mails (the worker still takes every mail due). */
  mailboxId?: string;
  /** Gives up (throws) when the mail is not settled by then: a hang, never an assertion. */
  timeoutMs?: number;
};

/**
 * The mail a worker would take now: queued and due, or waiting for one of
 * its mailbox's request slots (the worker pulls it as its sends end); being
 * sent by one of `workerIds`, or whose lease ran out; held while its mailbox
 * can send again (the worker's first round releases it).
 */
async function pendingMail(workerIds: string[]): Promise<string[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT m.id::text AS id FROM "OutgoingMail" m
     WHERE (m.status = 'queued' AND (m."nextAttemptAt" <= ${SQL_NOW} OR m."lastError" = 'api_concurrency'))
        OR (m.status = 'sending' AND (m."leaseOwner" = ANY(${workerIds}::text[]) OR m."leaseExpiresAt" < ${SQL_NOW}))
        OR (m.status = 'held' AND EXISTS (
              SELECT 1 FROM "Mailbox" b
               WHERE b."tenantId" = m."tenantId" AND b.id = m."mailboxId" AND b.state = 'connected'
                 AND (b."pausedUntil" IS NULL OR b."pausedUntil" <= ${SQL_NOW})))`);
  return rows.map((row) => row.id);
}

/**
 * Runs the real outbox worker (lib/worker/run-worker.ts, the loop production
 * runs) until no mail is left for it to take now, then stops it cleanly.
 * Returns the statuses, sorted, that the mails it had to take at the start
 * ended in: "sent", "failed", "held", "cancelled", or "queued" (back in the
 * queue for later: a retry, or over a sending limit). Nothing to take: [],
 * and no worker is started.
 */
export async function drainOutbox(options: DrainOptions = {}): Promise<string[]> {
  const { workers = 1, workerId = "test-worker", batch, mailboxId, timeoutMs = 30_000 } = options;
  const ids = Array.from({ length: workers }, (_, n) => (n === 0 ? workerId : `${workerId}-${n + 1}`));
  const due = await pendingMail(ids);
  if (due.length === 0) return [];
  const running = ids.map((id) =>
    startWorker({ workerId: id, batch, pollMs: 20, maintenanceEveryMs: 0, webhooks: false }),
  );
  const deadline = Date.now() + timeoutMs;
  let left = due;
  try {
    while ((left = await pendingMail(ids)).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    await Promise.all(running.map((worker) => worker.stop()));
  }
  if (left.length > 0) throw new Error(`The worker left ${left.length} mail(s) to take: ${left.join(", ")}`);
  const db = await getDb();
  const rows = await db.outgoingMail.findMany({
    where: { id: { in: due }, ...(mailboxId ? { mailboxId } : {}) },
    select: { status: true },
  });
  return rows.map((row) => row.status).sort();
}
