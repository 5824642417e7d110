import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { createBenchDatabase } from "../bench-database";
import { sendBare, type BarePoolJob } from "./bare-pool-send";
import { ownCpuMs } from "./cpu-time";
import { runBarePool } from "./run-bare-pool";
import { runWorkers, type WorkersRun } from "./run-workers";

// Usage: TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
//          npx tsx bench/outbox/run.ts [--mails 8000 --mailboxes 10 --warmup 2000 --rounds 3]
// Creates and drops its own database on that server. See bench/README.md.

process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { values } = parseArgs({
  options: {
    mails: { type: "string", default: "8000" },
    mailboxes: { type: "string", default: "10" },
    warmup: { type: "string", default: "2000" },
    rounds: { type: "string", default: "3" },
  },
});
const MAILS = Number(values.mails);
/** Mails sent first and not measured, on both sides: the measure is of processes already running and compiled. */
const WARMUP = Number(values.warmup);
const MAILBOXES = Number(values.mailboxes);
/** Each round runs both sides on the same mails, queued again; the medians are compared. */
const ROUNDS = Number(values.rounds);
const WORKERS = 2;

const rate = (count: number, ms: number) => (count * 1000) / ms;

async function main() {
  const database = await createBenchDatabase();
  const dbUrl = database.url;
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
    // Statistics, as autovacuum keeps them on tables in service: without them the planner guesses
    // at tables created a second ago.
    await prisma.$executeRawUnsafe("ANALYZE");

    // The ceiling: the same messages (the queued rows themselves) through bare pooled nodemailer
    // transports, one per mailbox, from a process of their own (as the workers are).
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
    const job: BarePoolJob = {
      host: fakes.smtp.host,
      port: fakes.smtp.port,
      mailboxes: tokens,
      warmup: messages.slice(0, WARMUP),
      messages: messages.slice(WARMUP),
    };

    const rounds: {
      workers: WorkersRun;
      bare: Awaited<ReturnType<typeof runBarePool>>;
      accepted: number[];
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
      fakes.control.clearMessages();
      const workers = await runWorkers(prisma, { dbUrl, count: WORKERS, tenantId: tenant.id, measuredFrom });
      const workersAccepted = fakes.control.messages().length - WARMUP;
      fakes.control.clearMessages();
      const bare = await runBarePool(job);
      const bareAccepted = fakes.control.messages().length - WARMUP;
      rounds.push({ workers, bare, accepted: [workersAccepted, bareAccepted] });
      console.log(
        `round ${round}: workers ${rate(MAILS, workers.ms).toFixed(0)} mails/s, ` +
          `bare pool ${rate(MAILS, bare.ms).toFixed(0)} mails/s, ` +
          `ratio ${(bare.ms / workers.ms).toFixed(2)} (accepted at the fake: ${workersAccepted}, ${bareAccepted})`,
      );
    }
    // The same loop beside the fake server, in one process, once: for comparison only.
    fakes.control.clearMessages();
    let inProcessCpu = ownCpuMs();
    const inProcessMs = await sendBare(job, () => (inProcessCpu = ownCpuMs()));
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
    console.log(`bare nodemailer pool:        ${bareRate.toFixed(1)} mails/s, median (its own process)`);
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
        )} ms in the fake SMTP server's process`,
    );
    console.log(
      `CPU per mail, bare pool: ${per(
        sum((r) => r.bare.cpuMs),
        MAILS * ROUNDS,
      )} ms in its process, ` +
        `${per(
          sum((r) => r.bare.serverCpuMs),
          MAILS * ROUNDS,
        )} ms in the fake SMTP server's; ` +
        `${per(inProcessCpu, MAILS)} ms for both in one process`,
    );
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
