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

// Usage: TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
//          npx tsx bench/api/run.ts [--requests 10000 --concurrency 32 --warmup 1000 --mailboxes 10 \
//                                    --reuse-build --skip-ceiling --node-flags="--heap-growing-percent=20"]
// Creates and drops its own database on that server. See bench/README.md.

process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "32" },
    warmup: { type: "string", default: "1000" },
    mailboxes: { type: "string", default: "10" },
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
if (
  ![REQUESTS, CONCURRENCY, WARMUP, MAILBOXES].every((n) => Number.isInteger(n) && n >= 0) ||
  CONCURRENCY < 1
) {
  console.error(
    "--requests, --concurrency, --warmup and --mailboxes are whole numbers (--concurrency at least 1).",
  );
  process.exit(2);
}
const NODE_FLAGS =
  values["node-flags"] === undefined ? PORTAL_NODE_FLAGS : values["node-flags"].split(/\s+/).filter(Boolean);
const MEMORY_TARGET_MIB = 350;
const root = process.cwd();

const f = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
const TEXT = "Bonjour,\n\n".concat("Ceci est un message de test. ".repeat(40));

type Side = { name: string; result: FireResult; cpuMs: number; postgresMs: number };

function describe({ name, result, cpuMs, postgresMs }: Side): string {
  const statuses = [...result.statuses].map(([status, n]) => `${status} × ${f(n)}`).join(", ");
  return (
    `${name}: ${f((REQUESTS * 1000) / result.ms, 1)} requests/s (${f(result.ms / 1000, 1)} s), ` +
    `latency p50 ${f(percentile(result.latencies, 50), 1)} ms, p95 ${f(percentile(result.latencies, 95), 1)} ms, ` +
    `p99 ${f(percentile(result.latencies, 99), 1)} ms; answers: ${statuses}; CPU per request ` +
    `${f(cpuMs / REQUESTS, 2)} ms in its process, ${f(postgresMs / REQUESTS, 2)} ms in PostgreSQL` +
    (result.samples.length ? `\n  first answers other than 2xx: ${result.samples.join(" | ")}` : "")
  );
}

/** Warm-up, then the measured requests, with the server process's and PostgreSQL's CPU over the latter. */
async function load(
  name: string,
  baseUrl: string,
  pid: number,
  key: string,
  addresses: string[],
): Promise<Side> {
  const fire = (count: number, offset: number) =>
    fireRequests({
      url: `${baseUrl}/api/v1/messages`,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      count,
      concurrency: CONCURRENCY,
      body: (i) =>
        JSON.stringify({
          from: addresses[(offset + i) % addresses.length],
          to: "parent@example.org",
          subject: `Bench ${offset + i}`,
          text: TEXT,
        }),
    });
  await fire(WARMUP, 0);
  const cpu = processCpuMs(pid);
  const postgres = postgresCpuByPid();
  const result = await fire(REQUESTS, WARMUP);
  return {
    name,
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

    // One school, a Google-like configuration, connected mailboxes, one API key for all of them.
    const { tenant, admin } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const mailboxes = [];
    for (let i = 0; i < MAILBOXES; i++)
      mailboxes.push(await seedConnectedMailbox(fakes, config, `api${i}@lycee.test`));
    const ctx = await contextFor(admin, tenant, "apiKeys.write");
    const { key } = await createApiKey(ctx, { name: "Bench", mailboxIds: mailboxes.map((m) => m.id) });
    const addresses = mailboxes.map((m) => m.address);
    // The portal's mail stays queued: no worker runs, and nothing reaches the fakes.
    await closeFakes();
    await prisma.$executeRawUnsafe("ANALYZE");
    console.log(
      `seeded ${MAILBOXES} mailboxes and an API key; ${f(WARMUP)} warm-up + ${f(REQUESTS)} measured ` +
        `POST /api/v1/messages at ${CONCURRENCY} in flight (keep-alive)`,
    );

    // The portal: `next start` on the production build.
    const portal = await startPortal({
      root,
      port: await freePort(),
      databaseUrl: database.url,
      encryptionKey: process.env.RELAIS_ENCRYPTION_KEY!,
      nodeFlags: NODE_FLAGS,
    });
    let portalSide: Side;
    const memory = { started: 0, warm: 0, peak: 0, end: 0 };
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      memory.started = statusMiB(portal.pid, "VmRSS");
      portalSide = await load("portal (next start)", portal.baseUrl, portal.pid, key, addresses);
      memory.peak = statusMiB(portal.pid, "VmHWM");
      memory.end = statusMiB(portal.pid, "VmRSS");
    } catch (error) {
      console.error(portal.output().split("\n").slice(-30).join("\n"));
      throw error;
    } finally {
      await portal.stop();
    }
    const [stored] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "OutgoingMail" WHERE source = 'api'`;
    console.log(
      `portal: node ${NODE_FLAGS.join(" ") || "(no flags)"} next start, pid ${portal.pid} (the process listening)`,
    );
    console.log(describe(portalSide));
    console.log(
      `portal memory: RSS ${f(memory.started)} MiB after start (health check answered), ` +
        `peak ${f(memory.peak)} MiB (VmHWM, target < ${MEMORY_TARGET_MIB}), ${f(memory.end)} MiB at the end`,
    );
    const accepted = portalSide.result.statuses.get(202) ?? 0;
    console.log(
      `mails stored: ${f(stored?.n ?? 0)} (warm-up and measure; ${f(accepted)} answers 202 in the measure)`,
    );

    if (!values["skip-ceiling"]) {
      const port = await freePort();
      const ceiling = await startServerProcess({
        script: "bench/api/ceiling-server.ts",
        env: { DATABASE_URL: database.url, PORT: String(port) },
        port,
        ready: "ready",
      });
      try {
        const side = await load(
          "ceiling (node:http + pg)",
          `http://127.0.0.1:${port}`,
          ceiling.pid,
          key,
          addresses,
        );
        console.log(describe(side));
        console.log(
          `ceiling memory: peak ${f(statusMiB(ceiling.pid, "VmHWM"))} MiB (node --import tsx); ` +
            `ratio of rates portal / ceiling: ${f(side.result.ms / portalSide.result.ms, 2)}`,
        );
      } finally {
        await ceiling.stop();
      }
    }
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
