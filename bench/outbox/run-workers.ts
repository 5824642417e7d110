import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import type { PrismaClient } from "../../lib/db/generated/client";
import { ownCpuMs, postgresCpuBetween, postgresCpuByPid, processCpuMs } from "./cpu-time";
import { workerArgs } from "../bundles";
import { profileFlags } from "./profile-flags";

export type WorkersRun = {
  /** From the first attempt at a measured mail to the last answer. */
  ms: number;
  /** With the processes' start-up and the warm-up. */
  wallMs: number;
  /** CPU from the first measured mail sent to the last, and how many mails that span covered. */
  cpu: { workers: number; postgres: number; server: number; mails: number } | null;
  peakRssMiB: number[];
};

/** Peak resident memory of a process (Linux VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Starts `count` worker processes (bench/bundles.ts) on the database and
 * waits until no mail is queued or being sent. The measured mails are the
 * tenant's mails created from `measuredFrom` on (the others are the warm-up,
 * due first). Polls with index ranges only, so that polling costs the
 * database next to nothing.
 */
export async function runWorkers(
  prisma: PrismaClient,
  options: { dbUrl: string; count: number; tenantId: string; measuredFrom: string },
): Promise<WorkersRun> {
  const { dbUrl, count, tenantId, measuredFrom } = options;
  const started = Date.now();
  const workers: ChildProcess[] = Array.from({ length: count }, () =>
    // As `npm run worker` starts it: bundled, with Node's flags of scripts/node-flags.ts.
    spawn(process.execPath, workerArgs(profileFlags()), {
      env: { ...process.env, DATABASE_URL: dbUrl, RELAIS_WORKER_POLL_MS: "100" },
      stdio: ["ignore", process.env.BENCH_WORKER_STDOUT === "1" ? "inherit" : "ignore", "inherit"],
    }),
  );
  try {
    const cpuNow = () => ({
      workers: workers.reduce((sum, w) => sum + processCpuMs(w.pid!), 0),
      postgres: postgresCpuByPid(),
      server: ownCpuMs(),
    });
    const measuredSent = async (counting: boolean) => {
      const [row] = counting
        ? await prisma.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM "OutgoingMail"
             WHERE "tenantId" = ${tenantId}::uuid AND status = 'sent'
               AND "createdAt" >= (${measuredFrom}::timestamptz AT TIME ZONE 'UTC')`
        : await prisma.$queryRaw<{ n: number }[]>`
            SELECT (EXISTS (SELECT 1 FROM "OutgoingMail"
                     WHERE "tenantId" = ${tenantId}::uuid AND status = 'sent'
                       AND "createdAt" >= (${measuredFrom}::timestamptz AT TIME ZONE 'UTC')))::int AS n`;
      return row?.n ?? 0;
    };
    let peak = workers.map(() => 0);
    let atFirst: (ReturnType<typeof cpuNow> & { sent: number }) | null = null;
    for (;;) {
      peak = workers.map((w, i) => Math.max(peak[i]!, peakRssMiB(w.pid!)));
      if (!atFirst && (await measuredSent(false)) > 0)
        atFirst = { ...cpuNow(), sent: await measuredSent(true) };
      const [left] = await prisma.$queryRaw<{ busy: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM "OutgoingMail" WHERE status IN ('queued', 'sending')) AS busy`;
      if (!left?.busy) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const atLast = cpuNow();
    const wallMs = Date.now() - started;
    peak = workers.map((w, i) => Math.max(peak[i]!, peakRssMiB(w.pid!)));
    const [span] = await prisma.$queryRaw<{ ms: number }[]>`
      SELECT (extract(epoch FROM max(a."finishedAt") - min(a."startedAt")) * 1000)::float8 AS ms
        FROM "DeliveryAttempt" a JOIN "OutgoingMail" m ON m.id = a."mailId"
       WHERE m."createdAt" >= (${measuredFrom}::timestamptz AT TIME ZONE 'UTC')`;
    const total = await measuredSent(true);
    return {
      ms: span?.ms ?? wallMs,
      wallMs,
      cpu: atFirst && {
        workers: atLast.workers - atFirst.workers,
        postgres: postgresCpuBetween(atFirst.postgres, atLast.postgres),
        server: atLast.server - atFirst.server,
        mails: total - atFirst.sent,
      },
      peakRssMiB: peak,
    };
  } finally {
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(
      workers.map((w) => (w.exitCode === null ? new Promise((resolve) => w.on("exit", resolve)) : null)),
    );
  }
}
