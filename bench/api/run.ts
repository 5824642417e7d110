import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { ensureProductionBuild } from "../../scripts/production-build";
import { PORTAL_NODE_FLAGS } from "../../scripts/node-flags";
import { createBenchDatabase } from "../bench-database";
import { postgresCpuBetween, postgresCpuByPid, processCpuMs } from "../outbox/cpu-time";
import { freePort, startServerProcess, statusMiB } from "../relay/server-process";
import { fireRequests, percentile, type FireResult } from "./fire-requests";
import { startPortal } from "./portal-process";
import { mailCounts, queueBacklog, startWorkers, waitForSending } from "./sending-workers";

// Usage: TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
//          npx tsx bench/api/run.ts [--requests 10000 --concurrency 32 --warmup 3000 --mailboxes 10 \
//                                    --batches 40 --batch-size 500 --batch-concurrency 4 \
//                                    --sending-requests 3000 --workers 2 --backlog 40000 \
//                                    --reuse-build --skip-ceiling --node-flags="--heap-growing-percent=20"]
// Creates and drops its own database on that server. See bench/README.md.

process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "32" },
    warmup: { type: "string", default: "3000" },
    mailboxes: { type: "string", default: "10" },
    /** POST /messages/batch: how many requests, of how many messages, how many at once. */
    batches: { type: "string", default: "40" },
    "batch-size": { type: "string", default: "500" },
    "batch-concurrency": { type: "string", default: "4" },
    /** Single submissions measured while the workers send (0: leave that phase out). */
    "sending-requests": { type: "string", default: "3000" },
    workers: { type: "string", default: "2" },
    /** Mail queued before the workers start, so that they send at full speed all through the measure. */
    backlog: { type: "string", default: "40000" },
    /** Serve the .next build there is, even if the sources changed since (no rebuild). */
    "reuse-build": { type: "boolean", default: false },
    "skip-ceiling": { type: "boolean", default: false },
    /** The portal's Node flags instead of its own (scripts/node-flags.ts), space-separated: to compare. */
    "node-flags": { type: "string" },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
/** Sent first and not measured (but counted in the peak memory): the server compiles and warms up. */
const WARMUP = Number(values.warmup);
const MAILBOXES = Number(values.mailboxes);
const BATCHES = Number(values.batches);
const BATCH_SIZE = Number(values["batch-size"]);
const BATCH_CONCURRENCY = Number(values["batch-concurrency"]);
const SENDING_REQUESTS = Number(values["sending-requests"]);
const WORKERS = Number(values.workers);
const BACKLOG = Number(values.backlog);
if (
  ![
    REQUESTS,
    CONCURRENCY,
    WARMUP,
    MAILBOXES,
    BATCHES,
    BATCH_SIZE,
    BATCH_CONCURRENCY,
    SENDING_REQUESTS,
    WORKERS,
    BACKLOG,
  ].every((n) => Number.isInteger(n) && n >= 0) ||
  CONCURRENCY < 1 ||
  BATCH_CONCURRENCY < 1 ||
  MAILBOXES < 1 ||
  BATCH_SIZE < 1 ||
  BATCH_SIZE > 500
) {
  console.error(
    "The counts are whole numbers (--concurrency, --batch-concurrency and --mailboxes at least 1, " +
      "--batch-size from 1 to 500).",
  );
  process.exit(2);
}
const NODE_FLAGS =
  values["node-flags"] === undefined ? PORTAL_NODE_FLAGS : values["node-flags"].split(/\s+/).filter(Boolean);
const MEMORY_TARGET_MIB = 350;
const WORKER_MEMORY_TARGET_MIB = 200;
/** The targets (bench/README.md): portal + PostgreSQL CPU per accepted mail, rate against the ceiling, p99 while sending, batch rate. */
const CPU_TARGET_MS = 3;
const RATIO_TARGET = 0.5;
const SENDING_P99_TARGET_MS = 500;
const BATCH_RATE_TARGET = 2000;
const root = process.cwd();

const f = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
const TEXT = "Bonjour,\n\n".concat("Ceci est un message de test. ".repeat(40));

type Side = { name: string; count: number; result: FireResult; cpuMs: number; postgresMs: number };

function describe({ name, count, result, cpuMs, postgresMs }: Side, unit = "request"): string {
  const statuses = [...result.statuses].map(([status, n]) => `${status} × ${f(n)}`).join(", ");
  return (
    `${name}: ${f((count * 1000) / result.ms, 1)} ${unit}s/s (${f(result.ms / 1000, 1)} s), ` +
    `latency p50 ${f(percentile(result.latencies, 50), 1)} ms, p95 ${f(percentile(result.latencies, 95), 1)} ms, ` +
    `p99 ${f(percentile(result.latencies, 99), 1)} ms; answers: ${statuses}; CPU per ${unit} ` +
    `${f(cpuMs / count, 2)} ms in its process, ${f(postgresMs / count, 2)} ms in PostgreSQL` +
    (result.samples.length ? `\n  first answers other than 2xx: ${result.samples.join(" | ")}` : "")
  );
}

const rate = (side: Side) => (side.count * 1000) / side.result.ms;
const mark = (ok: boolean) => (ok ? "met" : "NOT met");

/** One message's JSON, as a school's software sends it: the mailboxes in turn. */
const message = (addresses: string[], i: number) => ({
  from: addresses[i % addresses.length],
  to: "parent@example.org",
  subject: `Bench ${i}`,
  text: TEXT,
});

/** `count` single submissions (after `warmup` unmeasured ones), with the server's and PostgreSQL's CPU. */
async function load(
  name: string,
  baseUrl: string,
  pid: number,
  key: string,
  addresses: string[],
  count: number,
  warmup = 0,
): Promise<Side> {
  const fire = (n: number, offset: number) =>
    fireRequests({
      url: `${baseUrl}/api/v1/messages`,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      count: n,
      concurrency: CONCURRENCY,
      body: (i) => JSON.stringify(message(addresses, offset + i)),
    });
  if (warmup > 0) await fire(warmup, 0);
  const cpu = processCpuMs(pid);
  const postgres = postgresCpuByPid();
  const result = await fire(count, warmup);
  return {
    name,
    count,
    result,
    cpuMs: processCpuMs(pid) - cpu,
    postgresMs: postgresCpuBetween(postgres, postgresCpuByPid()),
  };
}

/** `BATCHES` requests of `BATCH_SIZE` messages to POST /messages/batch; counts are per accepted message. */
async function loadBatches(baseUrl: string, pid: number, key: string, addresses: string[]): Promise<Side> {
  const cpu = processCpuMs(pid);
  const postgres = postgresCpuByPid();
  const result = await fireRequests({
    url: `${baseUrl}/api/v1/messages/batch`,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    count: BATCHES,
    concurrency: BATCH_CONCURRENCY,
    body: (b) =>
      JSON.stringify({
        messages: Array.from({ length: BATCH_SIZE }, (_, i) => message(addresses, b * BATCH_SIZE + i)),
      }),
    accepted: (body) => (JSON.parse(body) as { accepted?: number }).accepted ?? 0,
  });
  return {
    name: `portal, POST /messages/batch (${f(BATCH_SIZE)} messages, ${BATCH_CONCURRENCY} in flight)`,
    count: result.accepted,
    result,
    cpuMs: processCpuMs(pid) - cpu,
    postgresMs: postgresCpuBetween(postgres, postgresCpuByPid()),
  };
}

async function main() {
  if (values["reuse-build"]) {
    if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
      console.error("--reuse-build: there is no production build in .next (npm run build).");
      process.exit(2);
    }
  } else {
    await ensureProductionBuild(root);
  }
  const database = await createBenchDatabase();
  const { startFakeProviders } = await import("../../dev/fake-providers");
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
  let fakesOpen = true;
  const closeFakes = async () => {
    if (fakesOpen) await fakes.close();
    fakesOpen = false;
  };
  try {
    const { useDb: installDb } = await import("../../lib/db/client");
    const { PrismaClient } = await import("../../lib/db/generated/client");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    installDb(prisma, "postgresql");
    const { seedFakeConfiguration, seedConnectedMailbox } = await import("../../tests/db/outbox-fixtures");
    const { contextFor, seedTenantWithPeople } = await import("../../tests/support/factories");
    const { createApiKey } = await import("../../lib/api-keys/create-api-key");

    // One school, a Google-like configuration whose limits nothing here reaches, connected
    // mailboxes, one API key for all of them. The fakes stay up: the workers send to them.
    const { tenant, admin } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "google", {
      maxMessagesPerMinute: 1_000_000,
      maxMessagesPerDay: 10_000_000,
      maxRecipientsPerDay: 10_000_000,
    });
    const mailboxes = [];
    for (let i = 0; i < MAILBOXES; i++)
      mailboxes.push(await seedConnectedMailbox(fakes, config, `api${i}@lycee.test`));
    const ctx = await contextFor(admin, tenant, "apiKeys.write");
    const { key } = await createApiKey(ctx, { name: "Bench", mailboxIds: mailboxes.map((m) => m.id) });
    const addresses = mailboxes.map((m) => m.address);
    await prisma.$executeRawUnsafe("ANALYZE");
    console.log(
      `seeded ${MAILBOXES} mailboxes and an API key; POST /api/v1/messages at ${CONCURRENCY} in flight ` +
        `(keep-alive): ${f(WARMUP)} warm-up, ${f(REQUESTS)} measured with the workers stopped, ` +
        `${f(SENDING_REQUESTS)} while ${WORKERS} workers send; then ${f(BATCHES)} batches of ${f(BATCH_SIZE)}`,
    );

    // The portal: `next start` on the production build.
    const portal = await startPortal({
      root,
      port: await freePort(),
      databaseUrl: database.url,
      encryptionKey: process.env.RELAIS_ENCRYPTION_KEY!,
      nodeFlags: NODE_FLAGS,
    });
    const sides: { idle?: Side; batch?: Side; sending?: Side } = {};
    const memory = { started: 0, peak: 0, end: 0 };
    let workersPeak: number[] = [];
    let sendingRate = NaN;
    let backlogLeft = NaN;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      memory.started = statusMiB(portal.pid, "VmRSS");
      sides.idle = await load(
        "portal (next start)",
        portal.baseUrl,
        portal.pid,
        key,
        addresses,
        REQUESTS,
        WARMUP,
      );
      console.log(describe(sides.idle));
      if (BATCHES > 0) {
        sides.batch = await loadBatches(portal.baseUrl, portal.pid, key, addresses);
        console.log(describe(sides.batch, "accepted mail"));
      }
      if (SENDING_REQUESTS > 0 && WORKERS > 0) {
        await queueBacklog(prisma, tenant.id, BACKLOG);
        await prisma.$executeRawUnsafe("ANALYZE");
        const before = await mailCounts(prisma);
        const workers = startWorkers(database.url, WORKERS);
        try {
          // Up, connected, and sending at full speed before the measure starts.
          await waitForSending(prisma, before.sent, 2000);
          const start = { ...(await mailCounts(prisma)), at: performance.now() };
          sides.sending = await load(
            `portal while ${WORKERS} workers send`,
            portal.baseUrl,
            portal.pid,
            key,
            addresses,
            SENDING_REQUESTS,
          );
          const end = { ...(await mailCounts(prisma)), at: performance.now() };
          sendingRate = ((end.sent - start.sent) * 1000) / (end.at - start.at);
          backlogLeft = end.waiting;
          workersPeak = workers.peakMiB();
        } finally {
          await workers.stop();
        }
        console.log(
          `${describe(sides.sending)}\n  the workers sent ${f(sendingRate)} mails/s meanwhile; ` +
            `${f(backlogLeft)} still queued at the end` +
            (backlogLeft === 0 ? " (the backlog ran out: raise --backlog)" : ""),
        );
      }
      memory.peak = statusMiB(portal.pid, "VmHWM");
      memory.end = statusMiB(portal.pid, "VmRSS");
    } catch (error) {
      console.error(portal.output().split("\n").slice(-30).join("\n"));
      throw error;
    } finally {
      await portal.stop();
    }
    console.log(
      `portal: node ${NODE_FLAGS.join(" ") || "(no flags)"} next start, pid ${portal.pid} (the process listening)`,
    );
    console.log(
      `portal memory: RSS ${f(memory.started)} MiB after start (health check answered), ` +
        `peak ${f(memory.peak)} MiB (VmHWM, target < ${MEMORY_TARGET_MIB}), ${f(memory.end)} MiB at the end`,
    );
    if (workersPeak.length > 0)
      console.log(
        `workers' peak RSS: ${workersPeak.map((m) => `${f(m)} MiB`).join(", ")} (target < ${WORKER_MEMORY_TARGET_MIB})`,
      );

    let ceilingSide: Side | undefined;
    if (!values["skip-ceiling"]) {
      const port = await freePort();
      const ceiling = await startServerProcess({
        script: "bench/api/ceiling-server.ts",
        env: { DATABASE_URL: database.url, PORT: String(port) },
        port,
        ready: "ready",
      });
      try {
        ceilingSide = await load(
          "ceiling (node:http + pg)",
          `http://127.0.0.1:${port}`,
          ceiling.pid,
          key,
          addresses,
          REQUESTS,
          WARMUP,
        );
        console.log(describe(ceilingSide));
        console.log(`ceiling memory: peak ${f(statusMiB(ceiling.pid, "VmHWM"))} MiB (node --import tsx)`);
      } finally {
        await ceiling.stop();
      }
    }

    // Every accepted answer is a row: nothing answered 202 without its commit.
    const [stored] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "OutgoingMail" WHERE "messageId" NOT LIKE '<backlog-%'`;
    const answered =
      WARMUP * (ceilingSide ? 2 : 1) +
      (sides.idle?.result.accepted ?? 0) +
      (sides.batch?.result.accepted ?? 0) +
      (sides.sending?.result.accepted ?? 0) +
      (ceilingSide?.result.accepted ?? 0);
    console.log(`mails stored: ${f(stored?.n ?? 0)}; accepted answers, warm-ups included: ${f(answered)}`);

    console.log("\ntargets (bench/README.md):");
    const idle = sides.idle!;
    const cpu = (idle.cpuMs + idle.postgresMs) / idle.count;
    console.log(
      `  portal + PostgreSQL CPU per accepted mail: ${f(cpu, 2)} ms (≤ ${CPU_TARGET_MS}): ${mark(cpu <= CPU_TARGET_MS)}`,
    );
    if (ceilingSide) {
      const ratio = rate(idle) / rate(ceilingSide);
      console.log(
        `  rate portal / ceiling: ${f(ratio, 2)} (≥ ${RATIO_TARGET}): ${mark(ratio >= RATIO_TARGET)}`,
      );
    }
    if (sides.sending) {
      const p99 = percentile(sides.sending.result.latencies, 99);
      console.log(
        `  submission p99 while the workers send: ${f(p99)} ms (< ${SENDING_P99_TARGET_MS}): ${mark(p99 < SENDING_P99_TARGET_MS)}`,
      );
    }
    if (sides.batch) {
      const batchRate = rate(sides.batch);
      console.log(
        `  batch: ${f(batchRate)} accepted mails/s (≥ ${f(BATCH_RATE_TARGET)}): ${mark(batchRate >= BATCH_RATE_TARGET)}`,
      );
    }
    console.log(
      `  portal peak RSS: ${f(memory.peak)} MiB (< ${MEMORY_TARGET_MIB}): ${mark(memory.peak < MEMORY_TARGET_MIB)}` +
        (workersPeak.length
          ? `; workers: ${f(Math.max(...workersPeak))} MiB (< ${WORKER_MEMORY_TARGET_MIB}): ${mark(Math.max(...workersPeak) < WORKER_MEMORY_TARGET_MIB)}`
          : ""),
    );
    await prisma.$disconnect();
  } finally {
    await closeFakes();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
