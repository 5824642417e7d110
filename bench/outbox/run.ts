import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { createBenchDatabase } from "../bench-database";
import { sendBare, type BarePoolJob } from "./bare-pool-send";
import { ownCpuMs, postgresCpuMs, processCpuMs } from "./cpu-time";

// Usage: TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
//          npx tsx bench/outbox/run.ts [--mails 8000 --mailboxes 10 --warmup 2000]
// Creates and drops its own database on that server. See bench/README.md.

process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { values } = parseArgs({
  options: {
    mails: { type: "string", default: "8000" },
    mailboxes: { type: "string", default: "10" },
    warmup: { type: "string", default: "2000" },
  },
});
const MAILS = Number(values.mails);
/** Mails sent first and not measured, on both sides: the measure is of processes already running and compiled. */
const WARMUP = Number(values.warmup);
const MAILBOXES = Number(values.mailboxes);
const WORKERS = 2;

/** Peak resident memory of a process (Linux VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** BENCH_WORKER_PROFILE=dir: CPU profiles of the workers and of the bare pool's process. */
const profileFlags = () =>
  process.env.BENCH_WORKER_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE}`]
    : [];

const rate = (count: number, ms: number) => (count * 1000) / ms;

/** bench/outbox/bare-pool.ts in a child process: its time and CPU, and the CPU this process (the fake server) used meanwhile. */
async function runBarePool(job: BarePoolJob): Promise<{ ms: number; cpuMs: number; serverCpuMs: number }> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "relais-bench-")), "job.json");
  writeFileSync(file, JSON.stringify(job));
  let serverCpu = ownCpuMs();
  let warm = false;
  const child = spawn(
    process.execPath,
    [...profileFlags(), "--import", "tsx", path.resolve("bench/outbox/bare-pool.ts")],
    {
      env: { ...process.env, BARE_POOL_JOB_FILE: file },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    // The child's warm-up is over: the server's CPU counts from here.
    if (output.startsWith("warm\n") && !warm) {
      warm = true;
      serverCpu = ownCpuMs();
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  rmSync(path.dirname(file), { recursive: true, force: true });
  if (code !== 0) throw new Error(`the bare pool exited with ${code}`);
  const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as { ms: number; cpuMs: number };
  // From the end of the child's warm-up to its exit: the fake server does nothing else meanwhile,
  // so the window's CPU is the server's work for the measured mails.
  return { ...result, serverCpuMs: ownCpuMs() - serverCpu };
}

async function main() {
  const database = await createBenchDatabase();
  const dbUrl = database.url;
  const workers: ChildProcess[] = [];
  const { startFakeProviders } = await import("../../lib/fake-providers");
  const fakes = await startFakeProviders({
    acceptAnyAccount: true,
    clients: [
      {
        provider: "google",
        clientId: "outbox.apps.googleusercontent.com",
        clientSecret: "GOCSPX-outbox",
        redirectUris: ["http://127.0.0.1:3999/api/oauth/callback"],
      },
    ],
  });
  try {
    const { useDb: installDb } = await import("../../lib/db/client");
    const { PrismaClient } = await import("../../lib/db/generated/client");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl }) });
    installDb(prisma, "postgresql");
    const { seedFakeConfiguration, seedConnectedMailbox, draft } =
      await import("../../tests/db/outbox-fixtures");
    const { contextFor, seedTenantWithPeople } = await import("../../tests/support/factories");
    const { queueMail } = await import("../../lib/outbox/queue-mail");

    const { tenant, admin: person } = await seedTenantWithPeople();
    // A per-day limit above the run, so that the provider defaults do not throttle the benchmark.
    const config = await seedFakeConfiguration(fakes, tenant.id, "google", { maxMessagesPerDay: MAILS * 2 });
    const mailboxes: Awaited<ReturnType<typeof seedConnectedMailbox>>[] = [];
    for (let i = 0; i < MAILBOXES; i++) {
      mailboxes.push(await seedConnectedMailbox(fakes, config, `bench${i}@lycee.test`));
    }
    const ctx = await contextFor(person, tenant, "outbox.write");
    const body = draft({ text: "Bonjour,\n\n".concat("Ceci est un message de test. ".repeat(40)) });
    const queueStarted = Date.now();
    const queue = async (count: number, subject: string) => {
      for (let i = 0; i < count; i++) {
        await queueMail(
          { kind: "person", ctx },
          {
            mailbox: { mailboxId: mailboxes[i % MAILBOXES]!.id },
            draft: { ...body, subject: `${subject} ${i}` },
          },
        );
      }
    };
    // The warm-up mails first: they are due first, and claimed first.
    await queue(WARMUP, "Warm-up");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const measuredFrom = new Date().toISOString();
    await queue(MAILS, "Bench");
    console.log(
      `queued ${WARMUP} + ${MAILS} mails over ${MAILBOXES} mailboxes in ${((Date.now() - queueStarted) / 1000).toFixed(1)} s`,
    );

    // Statistics, as autovacuum keeps them on tables in service: without them the planner guesses
    // at tables created a second ago.
    await prisma.$executeRawUnsafe("ANALYZE");
    if (process.env.BENCH_SQL)
      for (const q of process.env.BENCH_SQL.split(";;")) await prisma.$executeRawUnsafe(q);
    fakes.control.clearMessages();
    const started = Date.now();
    for (let i = 0; i < WORKERS; i++) {
      workers.push(
        spawn(process.execPath, [...profileFlags(), "--import", "tsx", path.resolve("scripts/worker.ts")], {
          env: { ...process.env, DATABASE_URL: dbUrl, RELAIS_WORKER_POLL_MS: "100" },
          stdio: ["ignore", "ignore", "inherit"],
        }),
      );
    }
    let peak = workers.map(() => 0);
    // CPU from the first mail sent (the workers' start-up left out) to the last.
    let cpuAtFirst: { workers: number; postgres: number; bench: number } | null = null;
    const cpuNow = () => ({
      workers: workers.reduce((sum, w) => sum + processCpuMs(w.pid!), 0),
      postgres: postgresCpuMs(),
      bench: ownCpuMs(),
    });
    let sentAtFirst = 0;
    // Polled with index ranges only, so that the polling costs the database next to nothing.
    const measuredSent = async (counting: boolean) => {
      const [row] = counting
        ? await prisma.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM "OutgoingMail"
             WHERE "tenantId" = ${tenant.id}::uuid AND status = 'sent' AND "createdAt" >= (${measuredFrom}::timestamptz AT TIME ZONE 'UTC')`
        : await prisma.$queryRaw<{ n: number }[]>`
            SELECT (EXISTS (SELECT 1 FROM "OutgoingMail"
                     WHERE "tenantId" = ${tenant.id}::uuid AND status = 'sent' AND "createdAt" >= (${measuredFrom}::timestamptz AT TIME ZONE 'UTC')))::int AS n`;
      return row?.n ?? 0;
    };
    for (;;) {
      peak = workers.map((w, i) => Math.max(peak[i]!, peakRssMiB(w.pid!)));
      if (!cpuAtFirst && (await measuredSent(false)) > 0) {
        cpuAtFirst = cpuNow();
        sentAtFirst = await measuredSent(true);
      }
      const [left] = await prisma.$queryRaw<{ busy: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM "OutgoingMail" WHERE status IN ('queued', 'sending')) AS busy`;
      if (!left?.busy) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // From the first attempt at a measured mail to the last answer: the sending itself, warmed up.
    const [span] = await prisma.$queryRaw<{ ms: number }[]>`
      SELECT (extract(epoch FROM max(a."finishedAt") - min(a."startedAt")) * 1000)::float8 AS ms
        FROM "DeliveryAttempt" a JOIN "OutgoingMail" m ON m.id = a."mailId"
       WHERE m."createdAt" >= (${measuredFrom}::timestamptz AT TIME ZONE 'UTC')`;
    const workerMs = span?.ms ?? Date.now() - started;
    const wallMs = Date.now() - started;
    const cpuAtLast = cpuNow();
    peak = workers.map((w, i) => Math.max(peak[i]!, peakRssMiB(w.pid!)));
    for (const worker of workers) worker.kill("SIGTERM");
    const accepted = fakes.control.messages().length - WARMUP;

    // The ceiling: the same messages through bare pooled nodemailer transports, one per mailbox,
    // from a process of their own (as the workers are), and from this one (beside the fake server).
    const { getAccessToken } = await import("../../lib/tokens/get-access-token");
    const tokens = await Promise.all(
      mailboxes.map(async (m) => ({
        address: m.address,
        accessToken: (await getAccessToken(m.id, { tenantId: tenant.id })).accessToken,
      })),
    );
    // The same messages as the workers sent: the queued rows themselves.
    const mailboxIndex = new Map(mailboxes.map((m, i) => [m.id, i]));
    const queuedRows = await prisma.outgoingMail.findMany({
      select: {
        mailboxId: true,
        fromName: true,
        to: true,
        cc: true,
        bcc: true,
        subject: true,
        text: true,
        html: true,
        messageId: true,
      },
      orderBy: { createdAt: "asc" },
    });
    const messages = queuedRows.map(({ mailboxId, ...row }) => ({
      mailbox: mailboxIndex.get(mailboxId)!,
      ...row,
    }));
    const job: BarePoolJob = {
      host: fakes.smtp.host,
      port: fakes.smtp.port,
      mailboxes: tokens,
      warmup: messages.slice(0, WARMUP),
      messages: messages.slice(WARMUP),
    };
    fakes.control.clearMessages();
    const separate = await runBarePool(job);
    const bareAccepted = fakes.control.messages().length - WARMUP;
    fakes.control.clearMessages();
    let bareCpu = ownCpuMs();
    const inProcessMs = await sendBare(job, () => (bareCpu = ownCpuMs()));
    const inProcessCpuMs = ownCpuMs() - bareCpu;

    const workerRate = rate(MAILS, workerMs);
    const bareRate = rate(MAILS, separate.ms);
    console.log(
      `workers (${WORKERS} processes): ${workerRate.toFixed(1)} mails/s (${(workerMs / 1000).toFixed(1)} s sending, ${(wallMs / 1000).toFixed(1)} s with start-up and warm-up, ${accepted} accepted at the fake)`,
    );
    console.log(
      `bare nodemailer pool:        ${bareRate.toFixed(1)} mails/s (${(separate.ms / 1000).toFixed(1)} s, its own process, ${bareAccepted} accepted)`,
    );
    console.log(
      `  the same, beside the fake server in one process: ${rate(MAILS, inProcessMs).toFixed(1)} mails/s`,
    );
    console.log(`ratio: ${(workerRate / bareRate).toFixed(2)} (target ≥ 0.80)`);
    if (cpuAtFirst) {
      const counted = MAILS - sentAtFirst;
      const per = (ms: number) => (counted > 0 ? (ms / counted).toFixed(2) : "n/a");
      console.log(
        `CPU per mail, workers: ${per(cpuAtLast.workers - cpuAtFirst.workers)} ms in the workers, ` +
          `${per(cpuAtLast.postgres - cpuAtFirst.postgres)} ms in PostgreSQL, ` +
          `${per(cpuAtLast.bench - cpuAtFirst.bench)} ms in the fake SMTP server's process`,
      );
    }
    console.log(
      `CPU per mail, bare pool: ${(separate.cpuMs / MAILS).toFixed(2)} ms in its process, ` +
        `${(separate.serverCpuMs / MAILS).toFixed(2)} ms in the fake SMTP server's; ` +
        `${(inProcessCpuMs / MAILS).toFixed(2)} ms for both in one process`,
    );
    console.log(`worker peak RSS: ${peak.map((p) => `${p.toFixed(0)} MiB`).join(", ")}`);
    await prisma.$disconnect();
  } finally {
    for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
    await fakes.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
