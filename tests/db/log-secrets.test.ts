import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getDb, useDb } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { accessTokenAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import { queueMail } from "@/lib/outbox/queue-mail";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { webhookEventTypes } from "@/lib/webhooks/event-types";
import { captureLogs, recordingLog, type LogEntry } from "../support/capture-logs";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { leakedSecrets } from "../support/find-secrets";
import { seedRelayCredential } from "../support/relay-fixtures";
import { freePort } from "../support/e2e-server";
import { startScript, type ScriptProcess } from "../support/script-process";
import { SmtpDialog } from "../support/smtp-dialog";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import {
  draft,
  GOOGLE_CLIENT,
  seedConnectedMailbox,
  seedFakeConfiguration,
  startOutboxFakes,
} from "./outbox-fixtures";

// The promise of docs/logging.md, checked on real processes: a worker and a relay
// run as they do in production, with the portal's API and the command line beside
// them, through sends that succeed and fail, a refused relay login and a refresh;
// then every line they wrote is searched for every secret the test made.

const database = useTestDatabase();
const enabled = realPostgresAvailable("worker and relay processes whose logs are searched for secrets");

const scratch = mkdtempSync(path.join(os.tmpdir(), "relais-log-secrets-"));
const processes: ScriptProcess[] = [];
let fakes: FakeProvidersHandle;
let receiver: WebhookReceiver;

beforeAll(async () => {
  if (!enabled) return;
  fakes = await startOutboxFakes();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await Promise.all(processes.map((script) => script.stop("SIGKILL")));
  await receiver?.close();
  await fakes?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const unique = (what: string) => `${what}-${randomBytes(9).toString("hex")}`;

/** Each line must be one JSON entry of `service` with a level, a time and a message. */
function entriesOf(output: string, service: string): LogEntry[] {
  const lines = output.split("\n").filter((line) => line.trim() !== "");
  expect(lines.length).toBeGreaterThan(0);
  return lines.map((line) => {
    const entry = JSON.parse(line) as LogEntry;
    expect(entry).toMatchObject({
      service,
      level: expect.stringMatching(/^(debug|info|warn|error)$/),
      msg: expect.any(String),
      time: expect.any(String),
    });
    return entry;
  });
}

const logEnv = { RELAIS_LOG_LEVEL: "debug", RELAIS_LOG_FORMAT: "json", NODE_ENV: "production" };

describe("the leak check itself", () => {
  it("finds a secret written as it is, in JSON, in a URL or inside base64", () => {
    const secret = "ya29.a0Af-planted/secret+value";
    const secrets = { "access token": secret, other: "never-written-anywhere" };
    const { log, lines } = recordingLog();
    log.info({ note: `saw ${secret}` }, "Planted");
    expect(leakedSecrets(lines.join(""), secrets)).toEqual(["access token"]);
    expect(leakedSecrets(`q=${encodeURIComponent(secret)}`, secrets)).toEqual(["access token"]);
    for (const prefix of ["", "u", "us"]) {
      const xoauth2 = Buffer.from(`${prefix}user=a@b.test\x01auth=Bearer ${secret}\x01\x01`).toString(
        "base64",
      );
      expect(leakedSecrets(`AUTH XOAUTH2 ${xoauth2}`, secrets)).toEqual(["access token"]);
    }
    expect(leakedSecrets("nothing here", secrets)).toEqual([]);
  });
});

describe.skipIf(!enabled)("the logs of a worker, a relay, the API and the command line", () => {
  it("hold the events with their ids and errors, and none of the secrets the run used", async () => {
    const db = await getDb();
    const { tenant, admin } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const address = (label: string) => `${label}-${tenant.slug}@lycee.test`;
    const healthy = await seedConnectedMailbox(fakes, config, address("secretariat"));
    const refused = await seedConnectedMailbox(fakes, config, address("vie-scolaire"));
    const revoked = await seedConnectedMailbox(fakes, config, address("intendance"));
    const tokens = (mailbox: typeof healthy) => ({
      access: decryptSecret(mailbox.accessTokenCipher!, accessTokenAad(mailbox.id)),
      refresh: decryptSecret(mailbox.refreshTokenCipher!, refreshTokenAad(mailbox.id)),
    });
    const seeded = { healthy: tokens(healthy), refused: tokens(refused), revoked: tokens(revoked) };
    // The worker refreshes these two: with the client secret and refresh token, and for the revoked
    // one in vain (the provider answers invalid_grant).
    await db.mailbox.updateMany({
      where: { tenantId: tenant.id, id: { in: [healthy.id, revoked.id] } },
      data: { accessTokenExpiresAt: new Date(Date.now() - 60_000) },
    });
    fakes.control.revokeGrant(revoked.address);
    fakes.control.failNext(refused.address, "550 5.7.1 Refused by the test's policy");

    const bodies = { portal: unique("portal body"), relay: unique("relay body"), api: unique("api body") };
    const outbox = await contextFor(admin, tenant, "outbox.write");
    const queue = (mailboxId: string) =>
      queueMail(
        { kind: "person", ctx: outbox },
        { mailbox: { mailboxId }, draft: draft({ text: bodies.portal }) },
      );
    for (const mailbox of [healthy, refused, revoked]) await queue(mailbox.id);

    const endpoint = await createWebhookEndpoint(await contextFor(admin, tenant, "webhooks.write"), {
      url: receiver.url,
      description: "Vie scolaire",
      eventTypes: [...webhookEventTypes],
    });
    receiver.verifyWith(endpoint.secret);

    // The portal's API, in this process: one mail queued, one request failing unexpectedly.
    const apiKey = await createApiKey(await contextFor(admin, tenant, "apiKeys.write"), {
      name: "Timetable",
      mailboxIds: [healthy.id],
    });
    const portalLogs = captureLogs();
    const post = (requestId: string) =>
      postMessage(
        new Request("http://127.0.0.1:3000/api/v1/messages", {
          method: "POST",
          headers: {
            authorization: `Bearer ${apiKey.key}`,
            "content-type": "application/json",
            "x-request-id": requestId,
          },
          body: JSON.stringify({
            from: healthy.address,
            to: "parent@example.org",
            subject: "Absence",
            text: bodies.api,
          }),
        }),
      );
    let failed: Response;
    try {
      expect((await post("req-queued-1")).status).toBe(202);
      const unreachable = new PrismaClient({
        adapter: new PrismaPg({ connectionString: "postgresql://relais:db-password-xyz@127.0.0.1:1/nope" }),
      });
      useDb(unreachable, "postgresql");
      try {
        failed = await post("req-failing-2");
      } finally {
        useDb(database.db, database.kind, database.pool);
        await unreachable.$disconnect();
      }
    } finally {
      portalLogs.restore();
    }
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { message: string } }).error.message).toContain(
      "reference req-failing-2",
    );

    // The relay as its own process: a wrong password, then the right one and a message.
    const credential = await seedRelayCredential(tenant.id, [healthy.id]);
    const wrongPassword = unique("wrong-password");
    const [port, tlsPort] = [await freePort(), await freePort()];
    const relay = startScript(
      "scripts/relay.ts",
      [],
      {
        ...logEnv,
        DATABASE_URL: database.url,
        RELAIS_DEMO: "true",
        RELAIS_DATA_DIR: mkdtempSync(path.join(scratch, "relay-data-")),
        RELAIS_RELAY_HOST: "127.0.0.1",
        RELAIS_RELAY_PORT: String(port),
        RELAIS_RELAY_TLS_PORT: String(tlsPort),
      },
      path.join(scratch, "relay.log"),
    );
    processes.push(relay);
    await relay.waitFor("Relay started");
    const dialog = await SmtpDialog.connect(tlsPort, { tls: true });
    try {
      await dialog.command("EHLO copier.lan");
      expect((await dialog.login(credential.username, wrongPassword)).code).toBe(535);
      expect((await dialog.login(credential.username, credential.password)).code).toBe(235);
      expect((await dialog.command(`MAIL FROM:<${healthy.address}>`)).code).toBe(250);
      expect((await dialog.command("RCPT TO:<parent@example.org>")).code).toBe(250);
      const message = `From: ${healthy.address}\r\nTo: parent@example.org\r\nSubject: Scan\r\n\r\n${bodies.relay}\r\n`;
      expect((await dialog.data(message)).code).toBe(250);
      await dialog.command("QUIT");
    } finally {
      dialog.close();
    }

    // The worker as its own process, until every mail has settled and a webhook went out.
    const worker = startScript(
      "scripts/worker.ts",
      [],
      { ...logEnv, DATABASE_URL: database.url, RELAIS_WORKER_POLL_MS: "100" },
      path.join(scratch, "worker.log"),
    );
    processes.push(worker);
    const statusOf = async (mailboxId: string) =>
      (
        await db.outgoingMail.findMany({
          where: { tenantId: tenant.id, mailboxId },
          select: { status: true },
        })
      )
        .map((mail) => mail.status)
        .sort();
    await expect
      .poll(
        async () => [await statusOf(healthy.id), await statusOf(refused.id), await statusOf(revoked.id)],
        { timeout: 45_000, interval: 250 },
      )
      .toEqual([["sent", "sent", "sent"], ["failed"], ["held"]]);
    await receiver.waitFor(1, 20_000);
    expect(await worker.stop("SIGTERM")).toBe(0);
    expect(await relay.stop("SIGTERM")).toBe(0);

    // The command line, failing on a database it cannot reach.
    const dbPassword = unique("db-password");
    const cli = startScript(
      "scripts/relais.ts",
      ["tenant:list"],
      { ...logEnv, DATABASE_URL: `postgresql://relais:${dbPassword}@127.0.0.1:1/relais` },
      path.join(scratch, "cli.log"),
    );
    processes.push(cli);
    expect(await cli.exited).toBe(1);

    const after = await db.mailbox.findFirstOrThrow({ where: { id: healthy.id, tenantId: tenant.id } });
    const refreshed = tokens(after);
    expect(refreshed.access).not.toBe(seeded.healthy.access);
    const secrets: Record<string, string> = {
      "access token": seeded.healthy.access,
      "refreshed access token": refreshed.access,
      "refresh token": seeded.healthy.refresh,
      "refresh token after the refresh": refreshed.refresh,
      "refused mailbox's access token": seeded.refused.access,
      "refused mailbox's refresh token": seeded.refused.refresh,
      "revoked mailbox's refresh token": seeded.revoked.refresh,
      "client secret": GOOGLE_CLIENT.clientSecret,
      "relay password": credential.password,
      "wrong relay password": wrongPassword,
      "API key": apiKey.key,
      "webhook secret": endpoint.secret,
      "database password": dbPassword,
      "unreachable database's password": "db-password-xyz",
      "portal mail's body": bodies.portal,
      "relayed mail's body": bodies.relay,
      "API mail's body": bodies.api,
    };
    const everything = [relay.output(), worker.output(), cli.output(), portalLogs.lines.join("")].join("\n");
    expect(leakedSecrets(everything, secrets)).toEqual([]);

    // What the logs are for: each process's events, with the ids an operator searches by.
    const workerEntries = entriesOf(worker.output(), "worker");
    const workerId = workerEntries.find((entry) => entry.msg === "Worker started")?.workerId;
    expect(workerId).toEqual(expect.stringContaining(`:${worker.child.pid}:`));
    expect(workerEntries).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: "Mail not sent",
        workerId,
        tenantId: tenant.id,
        mailboxId: refused.id,
        mailId: expect.any(String),
        verdict: "permanent",
        err: expect.objectContaining({
          type: expect.any(String),
          message: expect.stringContaining("550 5.7.1"),
        }),
      }),
    );
    expect(workerEntries).toContainEqual(
      expect.objectContaining({
        msg: "Mail not sent: its mailbox cannot send",
        tenantId: tenant.id,
        mailboxId: revoked.id,
        err: expect.objectContaining({ type: "ConnectionUnavailableError" }),
      }),
    );
    expect(workerEntries.map((entry) => entry.msg)).toContain("Worker stopped");

    const relayEntries = entriesOf(relay.output(), "relay");
    expect(relayEntries).toContainEqual(
      expect.objectContaining({
        msg: "Relay login refused",
        reason: "bad_password",
        tenantId: tenant.id,
        credentialId: credential.id,
        clientIp: "127.0.0.1",
      }),
    );
    expect(relayEntries.map((entry) => entry.msg)).toContain("Relay stopped");

    expect(portalLogs.entries()).toEqual([
      expect.objectContaining({
        service: "portal",
        level: "error",
        msg: "API request failed unexpectedly",
        requestId: "req-failing-2",
        err: expect.objectContaining({ type: expect.stringMatching(/^PrismaClient|Error$/) }),
      }),
    ]);

    const cliLines = cli.output().split("\n");
    expect(cliLines.filter((line) => line.startsWith("Error: "))).toHaveLength(1);
    const cliEntries = entriesOf(cliLines.filter((line) => line.startsWith("{")).join("\n"), "cli");
    expect(cliEntries).toContainEqual(
      expect.objectContaining({
        level: "error",
        msg: "Command failed unexpectedly",
        command: "tenant:list",
        err: expect.objectContaining({ type: expect.any(String) }),
      }),
    );
  }, 150_000);
});
