import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { getDb, useDb } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { resetMetrics } from "@/lib/metrics/metrics";
import { renderMetrics } from "@/lib/metrics/render-metrics";
import { queueMail } from "@/lib/outbox/queue-mail";
import type { MailTransport } from "@/lib/transports/mail-transports";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deliverDueWebhooks } from "@/lib/webhooks/run-webhook-deliverer";
import { startWorker } from "@/lib/worker/run-worker";
import { recordingLog } from "../support/capture-logs";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedRelayCredential, startTestRelay, type TestRelay } from "../support/relay-fixtures";
import { SmtpDialog } from "../support/smtp-dialog";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import {
  draft,
  seedConnectedMailbox,
  seedFakeConfiguration,
  seedMailboxInState,
  type Provider,
} from "./outbox-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

const database = useTestDatabase();
const fakes = useOutboxFakes();
const TOKEN = "metrics-test-token-5b1f0c9e7d3a4e21";

let receiver: WebhookReceiver | undefined;
let relay: TestRelay | undefined;
beforeAll(() => {
  // The registry lives as long as the process: start from nothing.
  resetMetrics();
});
afterAll(async () => {
  await relay?.stop();
  await receiver?.close();
});

/** The value of one sample of the text exposition, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(): Promise<string> {
  return (await renderMetrics({ database: true })).body;
}

describe("metrics of a worker that sent mail, read from the registry and /api/metrics", () => {
  let tenantId = "";
  let workStartedAt = 0;

  beforeAll(async () => {
    const people = await seedTenantWithPeople();
    tenantId = people.tenant.id;
    const ctx = await contextFor(people.admin, people.tenant, "outbox.write");
    const slug = people.tenant.slug;
    const mailboxOf = async (provider: Provider, transport: MailTransport, name: string) => {
      const config = await seedFakeConfiguration(fakes, tenantId, provider, {}, { transport });
      const domain = provider === "google" ? "lycee.test" : "college.test";
      return seedConnectedMailbox(fakes, config, `${name}-${slug}@${domain}`);
    };
    const queue = (mailboxId: string, overrides = {}) =>
      queueMail({ kind: "person", ctx }, { mailbox: { mailboxId }, draft: draft(overrides) });

    // An endpoint wanting mail.sent: each mail sent leaves a delivery pending.
    receiver = await startWebhookReceiver();
    await createWebhookEndpoint(await contextFor(people.admin, people.tenant, "webhooks.write"), {
      url: receiver.url,
      description: "Vie scolaire",
      eventTypes: ["mail.sent"],
    });

    const smtp = await mailboxOf("google", "smtp", "secretariat");
    const refreshed = await mailboxOf("microsoft", "graph", "refreshed");
    const refused = await mailboxOf("microsoft", "graph", "refused");
    const quota = await mailboxOf("microsoft", "graph", "quota");
    const broken = await seedMailboxInState(
      { id: refused.clientConfigurationId, tenantId },
      `broken-${slug}@college.test`,
      "needs_reconnect",
    );

    await queue(smtp.id, { subject: "Conseil de classe" });
    await queue(smtp.id, { subject: "Sortie au musée" });
    // Not due for an hour: queued, not due.
    await queue(smtp.id, { subject: "Plus tard", sendAt: new Date(Date.now() + 3_600_000) });
    // A refused token: one refresh, then sent.
    fakes.control.revokeAccessTokens(refreshed.address);
    await queue(refreshed.id);
    fakes.control.failNextApi(refused.address, {
      status: 400,
      body: { error: { code: "ErrorInvalidRecipients", message: "At least one recipient is not valid." } },
    });
    await queue(refused.id);
    // A quota answer: the mail is held and its mailbox paused.
    fakes.control.quotaNext(quota.address);
    await queue(quota.id);
    // Held when queued: its mailbox needs reconnecting.
    expect((await queue(broken.id)).status).toBe("held");

    workStartedAt = Date.now() / 1000;
    const worker = startWorker({
      workerId: "metrics-worker",
      pollMs: 50,
      maintenanceEveryMs: 0,
      webhooks: false,
    });
    try {
      const db = await getDb();
      const statuses = async () =>
        (await db.outgoingMail.groupBy({ by: ["status"], where: { tenantId }, _count: true }))
          .map((group) => `${group.status}:${group._count}`)
          .sort()
          .join(" ");
      const settled = "failed:1 held:2 queued:1 sent:3";
      for (let deadline = Date.now() + 20_000; (await statuses()) !== settled;) {
        if (Date.now() > deadline) throw new Error(`not settled in time: ${await statuses()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.stop();
    }
  });

  it("counts the mails the worker settled, per transport and outcome, and their send times", async () => {
    const text = await scrape();
    expect(text).toContain('relais_mails_total{transport="smtp",outcome="sent"} 2');
    expect(sample(text, 'relais_mails_total{transport="graph",outcome="sent"}')).toBe(1);
    expect(sample(text, 'relais_mails_total{transport="graph",outcome="failed"}')).toBe(1);
    expect(sample(text, 'relais_mails_total{transport="graph",outcome="held"}')).toBe(1);
    expect(sample(text, 'relais_mails_total{transport="gmail_api",outcome="sent"}')).toBe(0);
    expect(sample(text, 'relais_mails_total{transport="smtp",outcome="lease_lost"}')).toBe(0);
    expect(sample(text, 'relais_send_duration_seconds_count{transport="smtp"}')).toBe(2);
    expect(sample(text, 'relais_send_duration_seconds_count{transport="graph"}')).toBe(3);
    expect(sample(text, 'relais_send_duration_seconds_bucket{le="+Inf",transport="smtp"}')).toBe(2);
    expect(sample(text, 'relais_token_refreshes_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'relais_token_refreshes_total{outcome="needs_reconnect"}')).toBe(0);
    expect(text).toMatch(/^# HELP relais_mails_total \S/m);
    expect(text).toMatch(/^# TYPE relais_send_duration_seconds histogram$/m);
  });

  it("reads the queue, the leases and the mailboxes from the database", async () => {
    const text = await scrape();
    expect(sample(text, "relais_database_up")).toBe(1);
    expect(sample(text, 'relais_outbox_mails{status="queued"}')).toBe(1);
    expect(sample(text, 'relais_outbox_mails{status="sending"}')).toBe(0);
    expect(sample(text, 'relais_outbox_mails{status="held"}')).toBe(2);
    // The terminal statuses only grow: not counted at each scrape.
    expect(text).not.toContain('relais_outbox_mails{status="sent"}');
    expect(sample(text, "relais_outbox_due_mails")).toBe(0);
    expect(sample(text, "relais_outbox_oldest_due_seconds")).toBe(0);
    expect(sample(text, 'relais_outbox_leases{state="live"}')).toBe(0);
    expect(sample(text, 'relais_outbox_leases{state="expired"}')).toBe(0);
    expect(sample(text, 'relais_mailboxes{state="connected"}')).toBe(4);
    expect(sample(text, 'relais_mailboxes{state="needs_reconnect"}')).toBe(1);
    expect(sample(text, 'relais_mailboxes{state="revoked"}')).toBe(0);
    expect(sample(text, "relais_mailboxes_paused")).toBe(1);
  });

  it("shows a mail due and a lease held while a worker has it", async () => {
    const db = await getDb();
    const waiting = await db.outgoingMail.findFirstOrThrow({ where: { tenantId, status: "queued" } });
    await db.outgoingMail.update({
      where: { id: waiting.id },
      data: { nextAttemptAt: new Date(Date.now() - 120_000) },
    });
    let text = await scrape();
    expect(sample(text, "relais_outbox_due_mails")).toBe(1);
    expect(sample(text, "relais_outbox_oldest_due_seconds")).toBeGreaterThanOrEqual(110);
    await db.outgoingMail.update({
      where: { id: waiting.id },
      data: { status: "sending", leaseOwner: "elsewhere", leaseExpiresAt: new Date(Date.now() + 60_000) },
    });
    text = await scrape();
    expect(sample(text, 'relais_outbox_leases{state="live"}')).toBe(1);
    expect(sample(text, 'relais_outbox_mails{status="sending"}')).toBe(1);
    // Back as it was for the tests after this one.
    await db.outgoingMail.update({
      where: { id: waiting.id },
      data: {
        status: "queued",
        leaseOwner: null,
        leaseExpiresAt: null,
        nextAttemptAt: new Date(Date.now() + 3_600_000),
      },
    });
  });

  it("counts webhook deliveries pending, then delivered", async () => {
    expect(sample(await scrape(), "relais_webhook_deliveries_pending")).toBe(3);
    const options = { workerId: "metrics-deliverer", allowLocalProviders: true, timeoutMs: 2_000 };
    for (let round = 0; round < 10 && (await deliverDueWebhooks(options)) > 0; round++);
    const text = await scrape();
    expect(sample(text, "relais_webhook_deliveries_pending")).toBe(0);
    expect(sample(text, 'relais_webhook_deliveries_total{outcome="delivered"}')).toBe(3);
    expect(sample(text, 'relais_webhook_deliveries_total{outcome="failed"}')).toBe(0);
  });

  it("has the worker's heartbeat and the process's default metrics", async () => {
    const text = await scrape();
    const beat = sample(text, 'relais_worker_heartbeat_timestamp_seconds{loop="mail"}');
    expect(beat).toBeGreaterThanOrEqual(Math.floor(workStartedAt));
    expect(beat).toBeLessThanOrEqual(Date.now() / 1000);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(text).toContain("process_cpu_seconds_total");
  });

  it("counts relay sessions and refusals by reply class and reason, never by who", async () => {
    relay = await startTestRelay();
    const db = await getDb();
    const mailbox = await db.mailbox.findFirstOrThrow({ where: { tenantId, state: "connected" } });
    const credential = await seedRelayCredential(tenantId, [mailbox.id]);
    const dialog = await SmtpDialog.connect(relay.port("plain"));
    await dialog.command("EHLO copier.lan");
    expect((await dialog.login(credential.username, "not-the-password")).code).toBe(535);
    expect((await dialog.login(credential.username, credential.password)).code).toBe(235);
    expect((await dialog.command("MAIL FROM:<someone-else@example.org>")).code).toBe(550);
    await dialog.command("QUIT");
    dialog.close();
    await expect.poll(async () => sample(await scrape(), "relais_relay_sessions_open")).toBe(0);
    const text = await scrape();
    expect(sample(text, "relais_relay_sessions_total")).toBe(1);
    expect(sample(text, 'relais_relay_refusals_total{code_class="5xx",reason="bad_password"}')).toBe(1);
    expect(sample(text, 'relais_relay_refusals_total{code_class="5xx",reason="sender_not_allowed"}')).toBe(1);
    expect(sample(text, "relais_relay_messages_total")).toBe(0);
    // No label carries an address, a user name or a tenant.
    for (const secret of [credential.username, mailbox.address, "someone-else", tenantId, "127.0.0.1"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("answers without the database's figures, rather than stale ones, when the database does not", async () => {
    const unreachable = new PrismaClient({
      adapter: new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:1/nope" }),
    });
    const recording = recordingLog();
    useDb(unreachable, "postgresql");
    let text: string;
    try {
      text = (await renderMetrics({ database: true, log: recording.log })).body;
    } finally {
      useDb(database.db, database.kind, database.pool);
      await unreachable.$disconnect();
    }
    expect(sample(text, "relais_database_up")).toBe(0);
    expect(text).not.toContain("relais_outbox_mails");
    expect(text).not.toContain("relais_mailboxes{");
    expect(sample(text, 'relais_mails_total{transport="smtp",outcome="sent"}')).toBe(2);
    expect(recording.entries()).toEqual([
      expect.objectContaining({
        level: "warn",
        msg: "Metrics: the database's figures are unavailable",
        err: expect.objectContaining({ type: expect.any(String) }),
      }),
    ]);
    // Back: the figures return with the database.
    const again = await scrape();
    expect(sample(again, "relais_database_up")).toBe(1);
    expect(sample(again, 'relais_outbox_mails{status="held"}')).toBe(2);
  });

  it("has every metric the Grafana dashboard reads", async () => {
    const text = await scrape();
    const exposed = new Map(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1]!, match[2]!] as const),
    );
    const dashboard = JSON.parse(await readFile("docs/grafana-dashboard.json", "utf8")) as {
      __inputs: { name: string }[];
      panels: { type: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
    };
    expect(dashboard.__inputs.map((input) => input.name)).toEqual(["DS_PROMETHEUS"]);
    const queried = dashboard.panels.filter((panel) => panel.type !== "row");
    expect(queried.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const panel of queried) {
      expect(panel.datasource?.uid).toBe("${DS_PROMETHEUS}");
      for (const { expr } of panel.targets ?? []) {
        for (const [name] of expr.matchAll(/\b(?:relais|process|nodejs)_[a-z0-9_]+/g)) {
          const base = name.replace(/_(bucket|count|sum)$/, "");
          if (!exposed.has(name) && exposed.get(base) !== "histogram") missing.push(name);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("serves the same on GET /api/metrics, only with RELAIS_METRICS_TOKEN and its bearer token", async () => {
    const saved = process.env.RELAIS_METRICS_TOKEN;
    const get = (authorization?: string) =>
      metricsRoute(
        new Request("http://127.0.0.1:3000/api/metrics", {
          headers: authorization ? { authorization } : {},
        }),
      );
    try {
      delete process.env.RELAIS_METRICS_TOKEN;
      expect((await get(`Bearer ${TOKEN}`)).status).toBe(404);

      process.env.RELAIS_METRICS_TOKEN = TOKEN;
      for (const wrong of [undefined, "Bearer nope", `Bearer ${TOKEN}0`, `Basic ${TOKEN}`]) {
        const refused = await get(wrong);
        expect(refused.status).toBe(401);
        expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect(await refused.text()).not.toContain("relais_");
      }

      const response = await get(`Bearer ${TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const text = await response.text();
      expect(text).toContain('relais_mails_total{transport="smtp",outcome="sent"} 2');
      expect(sample(text, 'relais_outbox_mails{status="held"}')).toBe(2);
      expect(sample(text, 'relais_mailboxes{state="connected"}')).toBe(4);
    } finally {
      if (saved === undefined) delete process.env.RELAIS_METRICS_TOKEN;
      else process.env.RELAIS_METRICS_TOKEN = saved;
    }
  });
});

const multiProcess = realPostgresAvailable("a worker process serving its metrics on RELAIS_METRICS_PORT");

describe.skipIf(!multiProcess)("a worker process with RELAIS_METRICS_PORT", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it("serves /metrics on loopback with the token, and says on which port", async () => {
    const people = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
    const mailbox = await seedConnectedMailbox(fakes, config, `process-${people.tenant.slug}@lycee.test`);
    const ctx = await contextFor(people.admin, people.tenant, "outbox.write");
    await queueMail({ kind: "person", ctx }, { mailbox: { mailboxId: mailbox.id }, draft: draft() });

    child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/worker.ts")], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        RELAIS_WORKER_POLL_MS: "100",
        RELAIS_METRICS_PORT: "0",
        RELAIS_METRICS_TOKEN: TOKEN,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const started = child;
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`no metrics address in: ${output}`)), 20_000);
      started.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const found = /metrics on (http:\/\/\S+\/metrics)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      started.once("exit", (code) => reject(new Error(`worker exited (${code}): ${output}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect(
      (await fetch(url.replace(/\/metrics$/, "/other"), { headers: { authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(404);

    const read = async () => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const db = await getDb();
    const sentByChild = () =>
      db.deliveryAttempt.count({
        where: { outcome: "sent", workerId: { contains: `:${started.pid}:` } },
      });
    await expect
      .poll(() => db.outgoingMail.count({ where: { tenantId: people.tenant.id, status: "sent" } }), {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(1);
    const text = await read();
    // Every mail this process sent, counted once (here only ours, unless a mail of another test was left due).
    expect(sample(text, 'relais_mails_total{transport="smtp",outcome="sent"}')).toBe(await sentByChild());
    expect(await sentByChild()).toBeGreaterThanOrEqual(1);
    expect(sample(text, "relais_database_up")).toBe(1);
    expect(sample(text, 'relais_worker_heartbeat_timestamp_seconds{loop="mail"}')).toBeGreaterThan(0);
    expect(sample(text, 'relais_worker_heartbeat_timestamp_seconds{loop="webhooks"}')).toBeGreaterThan(0);
    expect(sample(text, 'relais_db_pool_connections{pool="prisma"}')).toBeGreaterThan(0);
    expect(sample(text, 'relais_db_pool_max_connections{pool="prisma"}')).toBe(10);
    expect(sample(text, 'relais_db_pool_waiting_requests{pool="prisma"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);

    // SIGTERM: the worker finishes, closes its listener and exits cleanly.
    const exited = new Promise<number | null>((resolve) => started.once("exit", (code) => resolve(code)));
    started.kill("SIGTERM");
    expect(await exited).toBe(0);
    await expect(fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).rejects.toThrow();
  }, 60_000);
});
