// npm run demo: a production build of Relais on the embedded database, with
// demo schools and accounts, mail captured instead of sent. No database
// server, mail server or configuration needed.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { databaseKind, disconnectDb, embeddedDataDir, getDb } from "@/lib/db/client";
import { startDemoInbox } from "@/dev/demo/demo-inbox-server";
import { demoMailboxes, demoProviderPorts, startDemoProviders } from "@/dev/demo/demo-providers";
import { demoAccounts, demoPassword, demoTenants } from "@/dev/demo/demo-accounts";
import { seedDemo } from "@/dev/demo/seed-demo";
import { seedDemoAudit } from "@/dev/demo/seed-demo-audit";
import { seedDemoMailboxes } from "@/dev/demo/seed-demo-mailboxes";
import { demoRelayCredential, seedDemoRelay } from "@/dev/demo/seed-demo-relay";
import { demoWebhook, seedDemoWebhook } from "@/dev/demo/seed-demo-webhook";
import { startLogging } from "@/lib/log/logger";
import { relayConnectionInfo } from "@/lib/relay/relay-settings";
import type { FakeProvidersHandle } from "@/dev/fake-providers/start-fake-providers";
import { PORTAL_NODE_FLAGS } from "./node-flags";
import { ensureProductionBuild, nextBin } from "./production-build";

const root = process.cwd();
// The welcome text is printed as it is; what goes wrong is logged (standard error).
const log = startLogging("cli");

/**
 * A random value made once per data folder and kept there, readable by its
 * owner only: sessions survive a restart, and secrets encrypted with the key
 * stay readable.
 */
async function keptSecret(dataDir: string, fileName: string): Promise<string> {
  const file = path.join(dataDir, fileName);
  if (!existsSync(file)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return (await readFile(file, "utf8")).trim();
}

// The embedded database serves one process: it is seeded here, then closed
// (which releases the folder's lock) before the server opens it.
async function seed(providers: FakeProvidersHandle): Promise<string> {
  const db = await getDb();
  const kind = await databaseKind();
  await seedDemo(db);
  const people = demoAccounts.filter((a) => a.memberships.some((m) => m.slug === "demo")).map((a) => a.email);
  await seedDemoMailboxes(db, "demo", providers, people);
  await seedDemoRelay(db, "demo");
  await seedDemoWebhook(db, "demo");
  const admin = demoAccounts.find((a) => a.memberships.some((m) => m.slug === "demo" && m.role === "admin"))!;
  await seedDemoAudit(db, "demo", admin.email);
  await disconnectDb();
  return kind === "embedded" ? `embedded, in ${embeddedDataDir()}` : "PostgreSQL (DATABASE_URL)";
}

// The health check opens the database, so that the server holds the data
// folder from the start and a second demo on it stops at once.
async function waitUntilHealthy(url: string, server: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && server.exitCode === null && server.signalCode === null) {
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

function printWelcome(url: string, database: string, inboxUrl: string) {
  const tenantName = new Map<string, string>(demoTenants.map((t) => [t.slug, t.name]));
  const width = Math.max(...demoAccounts.map((a) => a.email.length)) + 2;
  const lines = [
    "",
    `Relais demo is running at ${url}`,
    "",
    `Sign in with one of these accounts, password: ${demoPassword}`,
    ...demoAccounts.map((account) => {
      const roles = account.memberships.map((m) => `${m.role} of ${tenantName.get(m.slug)}`);
      if (account.isOperator) roles.push("platform operator");
      return `  ${account.email.padEnd(width)}${roles.join(", ")}`;
    }),
    "",
    `Mail the portal sends (invitations, sign-in links) is not delivered: read it at ${url}/dev/mail`,
    "",
    "Local fake Google and Microsoft providers and an SMTP server run alongside (any address signs in there).",
    `The demo school's mailboxes ${demoMailboxes.map((m) => m.address).join(", ")} can be`,
    "connected from “My mailboxes” (intendance@ and secretariat@ send through Microsoft Graph; secretariat@ is",
    "shared: direction@ connects for it). Mail sent through them arrives at the demo's local servers:",
    `  ${inboxUrl}`,
    "The same page shows the signed webhooks the demo school's endpoint receives (Webhooks, in the portal).",
    ...relayLines(),
    `Database: ${database}. Stop with Ctrl+C.`,
    "",
  ];
  console.log(lines.join("\n"));
}

/** How to send through the demo's SMTP relay, as a copier would. */
function relayLines(): string[] {
  const relay = relayConnectionInfo();
  if (!relay.submissionPort && !relay.tlsPort) return [];
  const { username, password, mailbox } = demoRelayCredential;
  return [
    `SMTP relay (for copiers and programs): ${relay.host}, port ${relay.submissionPort} (STARTTLS) and ${relay.tlsPort} (TLS),`,
    `self-signed certificate. The demo copier's credential sends from ${mailbox}:`,
    `  swaks --server ${relay.host}:${relay.submissionPort} --tls --auth-user ${username} --auth-password ${password} \\`,
    `        --from ${mailbox} --to someone@example.org`,
    "Its mail is held until the mailbox is connected, then sent.",
    "",
  ];
}

async function main() {
  const dataDir = embeddedDataDir();
  const port = process.env.PORT ?? "3000";
  const url = (process.env.NEXTAUTH_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, "");
  const sessionSecret = process.env.NEXTAUTH_SECRET ?? (await keptSecret(dataDir, "nextauth-secret"));
  // RELAIS_ENCRYPTION_KEYS, when set, wins over the single key (lib/crypto/keyring.ts).
  const encryptionKey = process.env.RELAIS_ENCRYPTION_KEY ?? (await keptSecret(dataDir, "encryption-key"));
  // The seed encrypts the demo configuration's client secret with it.
  process.env.RELAIS_ENCRYPTION_KEY = encryptionKey;
  const providers = await startDemoProviders(url);
  const inboxUrl = `http://127.0.0.1:${demoProviderPorts().inbox}/`;
  const inbox = await startDemoInbox(
    demoProviderPorts().inbox,
    () => providers.control.messages(),
    demoWebhook.secret,
  );
  const stopProviders = () => {
    inbox.close();
    void providers.close();
  };
  // Seeding before the build: when another demo holds the data folder, this
  // stops here, before a rebuild could replace the build that demo is serving.
  const database = await seed(providers).catch((error: unknown) => {
    stopProviders();
    throw error;
  });
  await ensureProductionBuild(root);

  const server = spawn(
    process.execPath,
    [...PORTAL_NODE_FLAGS, nextBin, "start", "--hostname", "127.0.0.1", "--port", port],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXTAUTH_URL: url,
        NEXTAUTH_SECRET: sessionSecret,
        RELAIS_ENCRYPTION_KEY: encryptionKey,
        RELAIS_DATA_DIR: dataDir,
        RELAIS_DEV_TOOLS: "true",
        RELAIS_DEMO: "true",
        RELAIS_ALLOW_LOCAL_PROVIDERS: "true",
        // The server's log, in the terminal the demo runs in: lines a person reads.
        RELAIS_LOG_FORMAT: process.env.RELAIS_LOG_FORMAT ?? "pretty",
      },
    },
  );
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      server.kill(signal);
    });
  }
  server.on("exit", (code) => {
    process.exitCode = stopping ? 0 : (code ?? 1);
    stopProviders();
  });
  if (await waitUntilHealthy(url, server)) {
    printWelcome(url, database, inboxUrl);
  } else if (server.exitCode === null && server.signalCode === null) {
    log.error(
      { url: `${url}/api/health` },
      "The health check did not answer 200 within 2 minutes; stopping the server",
    );
    server.kill("SIGTERM");
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  log.error({ err: error }, "The demo could not start");
  process.exit(1);
});
