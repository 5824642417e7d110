import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { GRAPH_CONCURRENT_REQUESTS } from "../../lib/transports/api-concurrency";
import { createBenchDatabase } from "../bench-database";
import { sendBareGraph, type BareGraphJob } from "./bare-graph-send";
import { sendBare, type BarePoolJob } from "./bare-pool-send";
import { ownCpuMs } from "./cpu-time";
import { runBarePool } from "./run-bare-pool";
import { runWorkers, type WorkersRun } from "./run-workers";

// Usage: TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
//          npx tsx bench/outbox/run.ts [--mails 8000 --mailboxes 10 --warmup 2000 --rounds 3 \
//                                       --transport smtp|graph --api-delay 200]
// Creates and drops its own database on that server. See bench/README.md.

process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { values } = parseArgs({
  options: {
    mails: { type: "string", default: "8000" },
    mailboxes: { type: "string", default: "10" },
    warmup: { type: "string", default: "2000" },
    rounds: { type: "string", default: "3" },
    transport: { type: "string", default: "smtp" },
    "api-delay": { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
  },
});
if (values.transport !== "smtp" && values.transport !== "graph") {
  console.error(`--transport: smtp or graph, not ${values.transport}`);
  process.exit(2);
}
/**
 * smtp: Google-like mailboxes over SMTP, against bare nodemailer pools. graph: Microsoft-like
 * mailboxes on a configuration sending through Graph, against a bare HTTP loop.
 */
const TRANSPORT: "smtp" | "graph" = values.transport;
const GRAPH = TRANSPORT === "graph";
/**
 * Graph: the fake answers each request after this many ms (setApiDelay), counted in flight meanwhile.
 * 200 by default: Graph answers sendMail over the Internet in hundreds of milliseconds, and with 4
 * requests per mailbox that answer time, not the CPU, is what bounds a sender (bench/README.md).
 */
const API_DELAY_MS = Number(values["api-delay"]);
const MAILS = Number(values.mails);
/**
 * Mails each sending process sends first, not measured: the measure is of processes already running
 * and compiled. Per process: the workers' warm-up is this many times their number (each worker
 * claims its share of it), the bare pool's process sends this many (bench/README.md).
 */
const WARMUP = Number(values.warmup);
const MAILBOXES = Number(values.mailboxes);
/** Each round runs both sides on the same mails, queued again; the medians are compared. */
const ROUNDS = Number(values.rounds);
/** Worker processes (`npm run worker`), each with the worker's default settings. */
const WORKERS = Number(values.workers);
/** The warm-up mails queued: due first, shared out among the workers as they claim them. */
const WARMUP_QUEUED = WARMUP * WORKERS;

const rate = (count: number, ms: number) => (count * 1000) / ms;

async function main() {
  const database = await createBenchDatabase();
  const dbUrl = database.url;
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
  try {
    const { useDb: installDb } = await import("../../lib/db/client");
    const { PrismaClient } = await import("../../lib/db/generated/client");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl }) });
    installDb(prisma, "postgresql");
    const { seedFakeConfiguration, seedConnectedMailbox, draft, MICROSOFT_CLIENT } =
      await import("../../tests/db/outbox-fixtures");
    const { contextFor, seedTenantWithPeople } = await import("../../tests/support/factories");
    const { queueMail } = await import("../../lib/outbox/queue-mail");

    const { tenant, admin: person } = await seedTenantWithPeople();
    let config: Awaited<ReturnType<typeof seedFakeConfiguration>>;
    if (GRAPH) {
      fakes.control.setApiDelay(API_DELAY_MS);
      fakes.control.registerClient({
        provider: "microsoft",
        ...MICROSOFT_CLIENT,
        redirectUris: ["http://127.0.0.1:3999/api/oauth/callback"],
      });
      // Limits no mailbox can reach in the whole run (Microsoft's default is 30 a minute), so
      // that only Graph's 4 concurrent requests per mailbox bound the workers, as the bare loop.
      const never = (WARMUP_QUEUED + MAILS) * ROUNDS + 1;
      config = await seedFakeConfiguration(
        fakes,
        tenant.id,
        "microsoft",
        { maxMessagesPerMinute: never, maxMessagesPerDay: never, maxRecipientsPerDay: never },
        { transport: "graph" },
      );
    } else {
      // A per-day limit above the run, so that the provider defaults do not throttle the benchmark.
      config = await seedFakeConfiguration(fakes, tenant.id, "google", { maxMessagesPerDay: MAILS * 2 });
    }
    const mailboxes: Awaited<ReturnType<typeof seedConnectedMailbox>>[] = [];
    for (let i = 0; i < MAILBOXES; i++) {
      mailboxes.push(
        await seedConnectedMailbox(fakes, config, `bench${i}@${GRAPH ? "college.test" : "lycee.test"}`),
      );
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
    await queue(WARMUP_QUEUED, "Warm-up");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const measuredFrom = new Date().toISOString();
    await queue(MAILS, "Bench");
    console.log(
      `queued ${WARMUP_QUEUED} + ${MAILS} mails over ${MAILBOXES} mailboxes in ${((Date.now() - queueStarted) / 1000).toFixed(1)} s`,
    );

    // Statistics, as autovacuum keeps them on tables in service: without them the planner guesses
    // at tables created a second ago.
    await prisma.$executeRawUnsafe("ANALYZE");

    // The ceiling: the same messages (the queued rows themselves) through bare pooled nodemailer
    // transports, one per mailbox (Graph: a bare HTTP loop, 4 requests per mailbox at once), from
    // a process of their own (as the workers are).
    const { getAccessToken } = await import("../../lib/tokens/get-access-token");
    const tokens = await Promise.all(
      mailboxes.map(async (m) => ({
        address: m.address,
        accessToken: (await getAccessToken(m.id, { tenantId: tenant.id })).accessToken,
      })),
    );
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
    // The bare pool's one process warms up on the first of the workers' warm-up mails.
    const warmup = messages.slice(0, WARMUP);
    const measuredMessages = messages.slice(WARMUP_QUEUED);
    const job: BarePoolJob | BareGraphJob = GRAPH
      ? {
          baseUrl: fakes.microsoft.graphBaseUrl,
          concurrency: GRAPH_CONCURRENT_REQUESTS,
          mailboxes: tokens,
          warmup,
          messages: measuredMessages,
        }
      : {
          host: fakes.smtp.host,
          port: fakes.smtp.port,
          mailboxes: tokens,
          warmup,
          messages: measuredMessages,
        };
    const bareScript = GRAPH ? "bench/outbox/bare-graph.ts" : "bench/outbox/bare-pool.ts";
    /** Graph: what the fake counted for one side (refusals, 429s included; the most in flight per mailbox). */
    const graphSide = () => {
      const stats = fakes.control.stats().graph;
      return {
        accepted: stats.messagesAccepted,
        refused: stats.messagesRefused + stats.authFailures,
        peaks: mailboxes.map((m) => fakes.control.peakApiConcurrency(m.address)),
      };
    };
    const resetFake = () => {
      fakes.control.clearMessages();
      if (GRAPH) {
        fakes.control.resetStats();
        fakes.control.resetApiConcurrency();
      }
    };

    const rounds: {
      workers: WorkersRun;
      bare: Awaited<ReturnType<typeof runBarePool>>;
      accepted: number[];
      graph: ReturnType<typeof graphSide>[];
    }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) {
        // The same mails again, due in the same order, as the first round found them.
        await prisma.$executeRaw`
          UPDATE "OutgoingMail"
             SET status = 'queued', attempts = 0, "nextAttemptAt" = "createdAt", "leaseOwner" = NULL,
                 "leaseExpiresAt" = NULL, "sentAt" = NULL, "smtpResponse" = NULL, "lastError" = NULL
           WHERE "tenantId" = ${tenant.id}::uuid`;
        await prisma.$executeRaw`DELETE FROM "DeliveryAttempt" WHERE "tenantId" = ${tenant.id}::uuid`;
        await prisma.$executeRawUnsafe(
          `VACUUM ANALYZE "OutgoingMail", "DeliveryAttempt", "MailboxSendingHour"`,
        );
      }
      resetFake();
      const workers = await runWorkers(prisma, { dbUrl, count: WORKERS, tenantId: tenant.id, measuredFrom });
      const workersAccepted = fakes.control.messages().length - WARMUP_QUEUED;
      const workersGraph = graphSide();
      resetFake();
      const bare = await runBarePool(job, bareScript);
      const bareAccepted = fakes.control.messages().length - WARMUP;
      const bareGraph = graphSide();
      rounds.push({
        workers,
        bare,
        accepted: [workersAccepted, bareAccepted],
        graph: GRAPH ? [workersGraph, bareGraph] : [],
      });
      const graphNote = GRAPH
        ? `; refused: ${workersGraph.refused}, ${bareGraph.refused}; most in flight for a mailbox: ` +
          `${Math.max(...workersGraph.peaks)}, ${Math.max(...bareGraph.peaks)}`
        : "";
      console.log(
        `round ${round}: workers ${rate(MAILS, workers.ms).toFixed(0)} mails/s, ` +
          `${GRAPH ? "bare HTTP loop" : "bare pool"} ${rate(MAILS, bare.ms).toFixed(0)} mails/s, ` +
          `ratio ${(bare.ms / workers.ms).toFixed(2)} (accepted at the fake: ${workersAccepted}, ${bareAccepted}${graphNote})`,
      );
    }
    // The same loop beside the fake server, in one process, once: for comparison only.
    resetFake();
    let inProcessCpu = ownCpuMs();
    const onWarm = () => (inProcessCpu = ownCpuMs());
    const inProcessMs = await ("baseUrl" in job ? sendBareGraph(job, onWarm) : sendBare(job, onWarm));
    inProcessCpu = ownCpuMs() - inProcessCpu;

    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    };
    const workerRate = median(rounds.map((r) => rate(MAILS, r.workers.ms)));
    const bareRate = median(rounds.map((r) => rate(MAILS, r.bare.ms)));
    const ratios = rounds.map((r) => r.bare.ms / r.workers.ms);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `workers (${WORKERS} processes): ${workerRate.toFixed(1)} mails/s, median of ${ROUNDS} ` +
        `(${seconds(median(rounds.map((r) => r.workers.ms)))} sending, ` +
        `${seconds(median(rounds.map((r) => r.workers.wallMs)))} with start-up and warm-up)`,
    );
    console.log(
      GRAPH
        ? `bare HTTP loop (4 per mailbox): ${bareRate.toFixed(1)} mails/s, median (its own process)`
        : `bare nodemailer pool:        ${bareRate.toFixed(1)} mails/s, median (its own process)`,
    );
    console.log(
      `  the same, beside the fake server in one process: ${rate(MAILS, inProcessMs).toFixed(1)} mails/s`,
    );
    console.log(
      `ratio: ${median(ratios).toFixed(2)}, median of ${ratios.map((r) => r.toFixed(2)).join(", ")} (target ≥ 0.80)`,
    );
    const sum = (pick: (r: (typeof rounds)[number]) => number) =>
      rounds.reduce((total, r) => total + pick(r), 0);
    const measured = sum((r) => r.workers.cpu?.mails ?? 0);
    const per = (ms: number, mails: number) => (mails > 0 ? (ms / mails).toFixed(2) : "n/a");
    console.log(
      `CPU per mail, workers: ${per(
        sum((r) => r.workers.cpu?.workers ?? 0),
        measured,
      )} ms in the workers, ` +
        `${per(
          sum((r) => r.workers.cpu?.postgres ?? 0),
          measured,
        )} ms in PostgreSQL, ` +
        `${per(
          sum((r) => r.workers.cpu?.server ?? 0),
          measured,
        )} ms in the fake ${GRAPH ? "providers'" : "SMTP server's"} process`,
    );
    console.log(
      `CPU per mail, ${GRAPH ? "bare HTTP loop" : "bare pool"}: ${per(
        sum((r) => r.bare.cpuMs),
        MAILS * ROUNDS,
      )} ms in its process, ` +
        `${per(
          sum((r) => r.bare.serverCpuMs),
          MAILS * ROUNDS,
        )} ms in the fake ${GRAPH ? "providers'" : "SMTP server's"}; ` +
        `${per(inProcessCpu, MAILS)} ms for both in one process`,
    );
    if (GRAPH) {
      // Graph answers a 5th request in flight for a mailbox with 429: the fake's peaks say whether
      // either side went over (a refused request counts in the peak too).
      const most = (side: 0 | 1) =>
        mailboxes.map((_, i) => Math.max(...rounds.map((r) => r.graph[side]!.peaks[i]!)));
      const refused = (side: 0 | 1) => sum((r) => r.graph[side]!.refused);
      const accepted = (side: 0 | 1) => sum((r) => r.graph[side]!.accepted);
      console.log(
        `Graph requests in flight per mailbox, most seen by the fake (peakApiConcurrency, over the rounds, ` +
          `limit ${GRAPH_CONCURRENT_REQUESTS}): workers ${most(0).join(", ")}; bare loop ${most(1).join(", ")}`,
      );
      if (API_DELAY_MS === 0)
        console.log(
          "  (the fake answers each request in one go, so it seldom holds two of a mailbox at once: " +
            "--api-delay 20 holds each for 20 ms, and shows how many overlap)",
        );
      console.log(
        `Graph sendMail at the fake (stats().graph, warm-up included): workers ${accepted(0)} accepted, ` +
          `${refused(0)} refused (429s included); bare loop ${accepted(1)} accepted, ${refused(1)} refused`,
      );
      const short = rounds.some((r) => r.accepted.some((n) => n !== MAILS));
      if (
        short ||
        refused(0) + refused(1) > 0 ||
        [...most(0), ...most(1)].some((n) => n > GRAPH_CONCURRENT_REQUESTS)
      )
        console.log(
          "WARNING: not every mail was accepted at once: the figures above do not measure the same work",
        );
    }
    const peak = rounds.flatMap((r) => r.workers.peakRssMiB);
    console.log(
      `worker peak RSS: ${Math.max(...peak).toFixed(0)} MiB (the largest of ${peak.length} processes)`,
    );
    await prisma.$disconnect();
  } finally {
    await fakes.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
