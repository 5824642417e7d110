import { spawn, type ChildProcess } from "node:child_process";
import type { PrismaClient } from "../../lib/db/generated/client";
import { workerArgs } from "../bundles";
import { statusMiB } from "../relay/server-process";

// Two workers sending while the API is loaded: a backlog of queued mail so that they send at full
// speed for the whole measure, the workers started as `npm run worker` starts them, and the count
// of mail they sent, to show they were sending all along.

/** Queues `count` more mails of the tenant's mailboxes in turn (one INSERT … SELECT), due now. */
export async function queueBacklog(prisma: PrismaClient, tenantId: string, count: number): Promise<void> {
  await prisma.$executeRaw`
    WITH boxes AS (SELECT id, "tenantId", (row_number() OVER (ORDER BY address) - 1)::int AS n
                     FROM "Mailbox" WHERE "tenantId" = ${tenantId}::uuid)
    INSERT INTO "OutgoingMail" ("tenantId", "mailboxId", "messageId", source, "to", cc, bcc, subject, text,
                                "sizeBytes", "recipientCount", "updatedAt")
    SELECT b."tenantId", b.id, '<backlog-' || gen_random_uuid() || '@lycee.test>', 'api',
           ARRAY['parent@example.org'], '{}', '{}', 'Backlog ' || i, repeat('Ceci est un message de test. ', 40),
           1200, 1, now() AT TIME ZONE 'UTC'
      FROM generate_series(0, ${count}::int - 1) AS i
      JOIN boxes b ON b.n = i % (SELECT count(*) FROM boxes)`;
}

export async function mailCounts(prisma: PrismaClient): Promise<{ sent: number; waiting: number }> {
  const [row] = await prisma.$queryRaw<{ sent: number; waiting: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
           count(*) FILTER (WHERE status IN ('queued', 'sending'))::int AS waiting
      FROM "OutgoingMail"`;
  return row ?? { sent: 0, waiting: 0 };
}

export type SendingWorkers = { pids: number[]; peakMiB: () => number[]; stop: () => Promise<void> };

export function startWorkers(databaseUrl: string, count: number): SendingWorkers {
  const workers: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, workerArgs(), {
      env: { ...process.env, DATABASE_URL: databaseUrl, RELAIS_WORKER_POLL_MS: "100" },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  return {
    pids: workers.map((w) => w.pid!),
    peakMiB: () => workers.map((w) => statusMiB(w.pid!, "VmHWM")),
    async stop() {
      for (const worker of workers) worker.kill("SIGTERM");
      await Promise.all(
        workers.map((w) => (w.exitCode === null ? new Promise((resolve) => w.once("exit", resolve)) : null)),
      );
    },
  };
}

/** Waits until the workers have sent `count` mails since `from` (they are up and sending). */
export async function waitForSending(prisma: PrismaClient, from: number, count: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await mailCounts(prisma)).sent < from + count) {
    if (Date.now() > deadline) throw new Error("the workers sent nothing within 2 minutes");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
