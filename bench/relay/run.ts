import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { createBenchDatabase } from "../bench-database";
import { ownCpuMs, postgresCpuBetween, postgresCpuByPid, processCpuMs } from "../outbox/cpu-time";
import { BenchSession } from "./bench-session";
import { besideRelayArgs, relayArgs, relayForm } from "../bundles";
import { freePort, startServerProcess, statusMiB, type ServerProcess } from "./server-process";

// Usage: TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
//          npx tsx bench/relay/run.ts [--messages 4000 --clients 20 --warmup 1000 --rounds 3 \
//                                      --sessions 200 --listener tls]
// Creates and drops its own database on that server. See bench/README.md.

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "4000" },
    clients: { type: "string", default: "20" },
    warmup: { type: "string", default: "1000" },
    rounds: { type: "string", default: "3" },
    sessions: { type: "string", default: "200" },
    listener: { type: "string", default: "tls" },
  },
});
const MESSAGES = Number(values.messages);
const CLIENTS = Number(values.clients);
/** Sent first through each server and not measured: the measure is of processes already compiled. */
const WARMUP = Number(values.warmup);
const ROUNDS = Number(values.rounds);
/** The memory measurement: sessions open at once. */
const SESSIONS = Number(values.sessions);
const TLS = values.listener !== "plain";
if (
  ![MESSAGES, CLIENTS, WARMUP, ROUNDS, SESSIONS].every((n) => Number.isInteger(n) && n >= 0) ||
  CLIENTS < 1
) {
  console.error(
    "--messages, --clients, --warmup, --rounds and --sessions are whole numbers (--clients at least 1).",
  );
  process.exit(2);
}
if (!["tls", "plain"].includes(values.listener!)) {
  console.error('--listener is "tls" (implicit TLS, the default) or "plain".');
  process.exit(2);
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const MEMORY_CEILING_MIB = 150;
/** Every phase of the run ends within this, whatever happens. */
const PHASE_TIMEOUT_MS = 180_000;
const SENDER = "copieur@lycee.test";
const RECIPIENT = "parent@example.org";
const CEILING_USER = "bench-ceiling";
const CEILING_PASSWORD = "ceiling-password-0123456789";

/** BENCH_RELAY_PROFILE=dir: CPU profiles of the relay and the ceiling processes, written there. */
const profileFlags = (): string[] =>
  process.env.BENCH_RELAY_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_RELAY_PROFILE}`] : [];

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const f = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} took more than ${PHASE_TIMEOUT_MS / 1000} s`)),
        PHASE_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

// About 2 KB: the header a copier writes, and a text body of 76-character lines.
const BODY = Buffer.from(
  Array.from(
    { length: 24 },
    (_, i) =>
      `Ligne ${String(i).padStart(2, "0")} du rapport de numerisation de la salle des professeurs, lycee.`,
  )
    .map((line) => line.slice(0, 76))
    .join("\r\n") + "\r\n",
);
let sequence = 0;
/** A new message: its own Message-ID each time, as a device writes. */
function message(tag: string): Buffer {
  sequence += 1;
  const head =
    `From: Copieur salle des profs <${SENDER}>\r\nTo: ${RECIPIENT}\r\nSubject: Numerisation ${sequence}\r\n` +
    `Date: ${new Date().toUTCString().replace("GMT", "+0000")}\r\nMessage-ID: <${tag}-${sequence}@copier.lan>\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), BODY]);
}

type Side = { name: string; server: ServerProcess; username: string; password: string };

async function openSessions(side: Side, count: number, concurrency = 50): Promise<BenchSession[]> {
  const sessions: BenchSession[] = [];
  for (let i = 0; i < count; i += concurrency) {
    const wave = Math.min(concurrency, count - i);
    sessions.push(
      ...(await Promise.all(
        Array.from({ length: wave }, () =>
          BenchSession.open({
            port: side.server.port,
            tls: TLS,
            username: side.username,
            password: side.password,
          }),
        ),
      )),
    );
  }
  return sessions;
}

/** `total` messages over CLIENTS sessions opened beforehand; timed from the first message to the last answer. */
async function drive(side: Side, total: number, tag: string) {
  const sessions = await within(
    openSessions(side, CLIENTS),
    `opening ${CLIENTS} sessions to the ${side.name}`,
  );
  const protocol = sessions[0]!.protocol;
  const cpuBefore = processCpuMs(side.server.pid);
  const postgresBefore = postgresCpuByPid();
  const clientBefore = ownCpuMs();
  const started = performance.now();
  await within(
    Promise.all(
      sessions.map((session, i) => {
        const share = Math.floor(total / CLIENTS) + (i < total % CLIENTS ? 1 : 0);
        return session.send(share, { from: SENDER, to: RECIPIENT }, () => message(`${tag}-${i}`));
      }),
    ),
    `sending ${total} messages through the ${side.name}`,
  );
  const ms = performance.now() - started;
  const result = {
    ms,
    rate: (total * 1000) / ms,
    cpuPerMessage: (processCpuMs(side.server.pid) - cpuBefore) / total,
    postgresPerMessage: postgresCpuBetween(postgresBefore, postgresCpuByPid()) / total,
    clientPerMessage: (ownCpuMs() - clientBefore) / total,
    protocol,
  };
  await Promise.all(sessions.map((s) => s.quit()));
  return result;
}

type MemoryMeasure = { fresh: number; rssBefore: number; rssOpen: number; peak: number };

/** SESSIONS authenticated sessions that each send one message and stay open; the server's memory then. */
async function memoryWithSessions(side: Side) {
  const before = statusMiB(side.server.pid, "VmRSS");
  const sessions = await within(openSessions(side, SESSIONS), `opening ${SESSIONS} sessions`);
  await within(
    Promise.all(
      sessions.map((s, i) => s.send(1, { from: SENDER, to: RECIPIENT }, () => message(`memory-${i}`))),
    ),
    "one message per session",
  );
  // Idle a moment, all open: what a relay holds for devices that keep their sessions.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const result = {
    rssBefore: before,
    rssOpen: statusMiB(side.server.pid, "VmRSS"),
    peak: statusMiB(side.server.pid, "VmHWM"),
  };
  await Promise.all(sessions.map((s) => s.quit()));
  return result;
}

function machine(): string {
  const cpus = os.cpus();
  return (
    `machine: ${os.availableParallelism()} CPUs (${cpus[0]?.model.trim() ?? "unknown"}), ` +
    `${f(os.totalmem() / 1024 ** 3, 1)} GiB memory, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}, Node ${process.version}`
  );
}

async function main() {
  const database = await createBenchDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "relais-bench-relay-"));
  const processes: ServerProcess[] = [];
  const { PrismaClient } = await import("../../lib/db/generated/client");
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  try {
    // One school, a Google-like configuration and a connected mailbox (no tokens: nothing is sent
    // upstream, mail is only queued), and a relay credential for it.
    const { hashRelayPassword, newRelayPassword, newRelayUsername } =
      await import("../../lib/relay-credentials/relay-secret");
    const tenant = await prisma.tenant.create({
      data: { slug: "bench-relay", name: "Lycée du banc d'essai" },
    });
    const config = await prisma.clientConfiguration.create({
      data: {
        tenantId: tenant.id,
        name: "Google",
        provider: "google",
        scopes: ["https://mail.google.com/"],
        smtpHost: "127.0.0.1",
        smtpPort: 9,
        smtpSecurity: "starttls",
      },
    });
    const mailbox = await prisma.mailbox.create({
      data: {
        tenantId: tenant.id,
        address: SENDER,
        displayName: "Copieur",
        clientConfigurationId: config.id,
        state: "connected",
        connectedAt: new Date(),
      },
    });
    const username = newRelayUsername();
    const password = newRelayPassword();
    await prisma.relayCredential.create({
      data: {
        tenantId: tenant.id,
        name: "Copieur salle des profs",
        username,
        passwordHash: hashRelayPassword(password),
        mailboxes: { create: [{ mailboxId: mailbox.id }] },
      },
    });
    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    await pg.query("CREATE TABLE relay_ceiling (id uuid PRIMARY KEY, body bytea NOT NULL)");
    await pg.end();

    // The relay makes its certificate in its data folder; made here first, the ceiling uses the same.
    const { certificateFiles } = await import("../../lib/relay/relay-tls");
    const certDir = path.join(dataDir, "relay-tls");
    const cert = certificateFiles({
      listeners: [],
      publicHost: "127.0.0.1",
      certFile: null,
      keyFile: null,
      generatedCertDir: certDir,
      maxMessageBytes: MAX_MESSAGE_BYTES,
      maxConnections: 500,
      maxConnectionsPerIp: 500,
      maxMessagesPerSession: 1000,
      proxyProtocolFrom: [],
      socketTimeoutMs: 120_000,
    });

    const perSession = Math.ceil(Math.max(WARMUP, MESSAGES) / CLIENTS) + 10;
    const startRelayProcess = async () => {
      // The measured listener's port; the relay's other listeners get ports of their own.
      const [measured, submission, other] = [await freePort(), await freePort(), await freePort()];
      const server = await startServerProcess({
        script: "scripts/relay.ts",
        args: relayArgs(),
        flags: profileFlags(),
        port: measured,
        ready: "Relay started",
        env: {
          DATABASE_URL: database.url,
          RELAIS_DEMO: "true",
          RELAIS_DATA_DIR: dataDir,
          RELAIS_RELAY_HOST: "127.0.0.1",
          RELAIS_RELAY_PORT: String(submission),
          RELAIS_RELAY_TLS_PORT: String(TLS ? measured : other),
          ...(TLS
            ? {}
            : { RELAIS_RELAY_PLAIN_PORT: String(measured), RELAIS_RELAY_PLAIN_HOSTS: "127.0.0.1" }),
          RELAIS_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
          RELAIS_RELAY_MAX_CONNECTIONS: "500",
          RELAIS_RELAY_MAX_CONNECTIONS_PER_IP: String(SESSIONS + CLIENTS + 10),
          RELAIS_RELAY_MAX_MESSAGES_PER_SESSION: String(Math.max(1000, perSession)),
        },
      });
      processes.push(server);
      return server;
    };
    const startCeilingProcess = async () => {
      const port = await freePort();
      const server = await startServerProcess({
        script: "bench/relay/ceiling-server.ts",
        // Run as the relay is: both sides alike.
        args: besideRelayArgs("bench/relay/ceiling-server.ts"),
        flags: profileFlags(),
        port,
        ready: "listening",
        env: {
          DATABASE_URL: database.url,
          CEILING_PORT: String(port),
          CEILING_TLS: String(TLS),
          CEILING_CERT: cert.certFile,
          CEILING_KEY: cert.keyFile,
          CEILING_USER,
          CEILING_PASSWORD,
          CEILING_MAX_BYTES: String(MAX_MESSAGE_BYTES),
        },
      });
      processes.push(server);
      return server;
    };
    const relay: Side = { name: "relay", server: await startRelayProcess(), username, password };
    const ceiling: Side = {
      name: "ceiling",
      server: await startCeilingProcess(),
      username: CEILING_USER,
      password: CEILING_PASSWORD,
    };

    console.log(machine());
    console.log(
      `${MESSAGES} messages of ${f(message("size").length)} bytes per round over ${CLIENTS} pipelining sessions ` +
        `(one long session each, AUTH PLAIN), ${ROUNDS} rounds after ${WARMUP} warm-up messages on each side; ` +
        `listener: ${TLS ? "implicit TLS" : "plain (no TLS)"}; the relay ${relayForm()}`,
    );

    const warm = Date.now();
    for (const side of [relay, ceiling]) if (WARMUP > 0) await drive(side, WARMUP, `warmup-${side.name}`);
    console.log(`warm-up: ${((Date.now() - warm) / 1000).toFixed(1)} s`);

    type Measure = Awaited<ReturnType<typeof drive>>;
    const rounds: { relay: Measure; ceiling: Measure }[] = [];
    const serverCpu = (m: Measure) => m.cpuPerMessage + m.postgresPerMessage;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const r = await drive(relay, MESSAGES, `round${round}-relay`);
      const c = await drive(ceiling, MESSAGES, `round${round}-ceiling`);
      rounds.push({ relay: r, ceiling: c });
      if (round === 1) console.log(`session: ${r.protocol}`);
      console.log(
        `round ${round}: relay ${f(r.rate)} msg/s (CPU per message ${f(r.cpuPerMessage, 3)} ms + PostgreSQL ${f(r.postgresPerMessage, 3)}), ` +
          `ceiling ${f(c.rate)} msg/s (${f(c.cpuPerMessage, 3)} + ${f(c.postgresPerMessage, 3)}), ` +
          `ratio ${(r.rate / c.rate).toFixed(2)}`,
      );
    }
    if (ROUNDS > 0) {
      const pick = (which: "relay" | "ceiling", value: (m: Measure) => number) =>
        median(rounds.map((r) => value(r[which])));
      for (const which of ["relay", "ceiling"] as const) {
        console.log(
          `${which.padEnd(7)}: ${f(pick(which, (m) => m.rate))} msg/s; CPU per message ` +
            `${f(
              pick(which, (m) => m.cpuPerMessage),
              3,
            )} ms in its process, ` +
            `${f(
              pick(which, (m) => m.postgresPerMessage),
              3,
            )} ms in PostgreSQL, ` +
            `${f(
              pick(which, (m) => m.clientPerMessage),
              3,
            )} ms in the clients (medians of ${ROUNDS})`,
        );
      }
      const ratios = rounds.map((r) => r.relay.rate / r.ceiling.rate);
      console.log(
        `ratio relay/ceiling, messages per second: ${median(ratios).toFixed(2)}, ` +
          `median of ${ratios.map((r) => r.toFixed(2)).join(", ")} (target ≥ 0.70)`,
      );
      // On a machine shared with other work the rates move with the others' load; CPU per message much less.
      const cpuRatios = rounds.map((r) => serverCpu(r.ceiling) / serverCpu(r.relay));
      console.log(
        `ratio of CPU per message (server process + PostgreSQL), ceiling/relay: ${median(cpuRatios).toFixed(2)}, ` +
          `median of ${cpuRatios.map((r) => r.toFixed(2)).join(", ")}`,
      );
    }
    console.log(
      `peak RSS after the throughput rounds (${CLIENTS} sessions): relay ${f(statusMiB(relay.server.pid, "VmHWM"))} MiB, ` +
        `ceiling ${f(statusMiB(ceiling.server.pid, "VmHWM"))} MiB`,
    );
    await relay.server.stop();
    await ceiling.server.stop();

    // Memory: in each round a fresh relay, warmed with a few messages, then SESSIONS sessions open at
    // once, each after one message; the same for a fresh ceiling, for comparison.
    if (SESSIONS > 0) {
      const memory: { relay: MemoryMeasure; ceiling: MemoryMeasure }[] = [];
      for (let round = 1; round <= Math.max(1, ROUNDS); round += 1) {
        const measured = {} as { relay: MemoryMeasure; ceiling: MemoryMeasure };
        for (const which of ["relay", "ceiling"] as const) {
          const side: Side = {
            ...(which === "relay" ? relay : ceiling),
            server: which === "relay" ? await startRelayProcess() : await startCeilingProcess(),
          };
          const fresh = statusMiB(side.server.pid, "VmRSS");
          await drive(side, CLIENTS, `memory-warm-${which}-${round}`);
          measured[which] = { fresh, ...(await memoryWithSessions(side)) };
          await side.server.stop();
        }
        memory.push(measured);
        const line = (m: MemoryMeasure) =>
          `RSS ${f(m.fresh)} MiB started, ${f(m.rssBefore)} MiB after ${CLIENTS} messages, ` +
          `${f(m.rssOpen)} MiB with ${SESSIONS} sessions open, peak ${f(m.peak)} MiB`;
        console.log(
          `memory round ${round}: relay ${line(measured.relay)}; ceiling ${line(measured.ceiling)}`,
        );
      }
      const peak = median(memory.map((m) => m.relay.peak));
      console.log(
        `relay peak RSS (VmHWM) with ${SESSIONS} open sessions: ${f(peak)} MiB, median of ${memory.length} ` +
          `(${memory.map((m) => f(m.relay.peak)).join(", ")}) against ${MEMORY_CEILING_MIB} MiB: ` +
          `${peak <= MEMORY_CEILING_MIB ? "within" : "OVER"}; ceiling server ${f(median(memory.map((m) => m.ceiling.peak)))} MiB`,
      );
    }

    const queued = await prisma.outgoingMail.count({ where: { tenantId: tenant.id, source: "relay" } });
    const [row] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM relay_ceiling`;
    const memoryMessages = SESSIONS > 0 ? Math.max(1, ROUNDS) * (CLIENTS + SESSIONS) : 0;
    const expected = WARMUP + MESSAGES * ROUNDS + memoryMessages;
    console.log(
      `rows: ${queued} relayed mails queued, ${row?.n ?? 0} in the ceiling's table (${expected} sent to each)`,
    );
  } finally {
    for (const server of processes) await server.stop();
    await prisma.$disconnect();
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
