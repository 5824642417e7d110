import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { queueMail } from "@/lib/outbox/queue-mail";
import { revokeConnection } from "@/lib/revocation/revoke-connection";
import { releaseHeldMail } from "@/lib/outbox/release-held-mail";
import { startWorker } from "@/lib/worker/run-worker";
import { webhookEventTypes } from "@/lib/webhooks/event-types";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "@/lib/webhooks/delivery-schedule";
import { queueEndingSoonEvents } from "@/lib/webhooks/queue-ending-soon-events";
import { pruneWebhookHistory } from "@/lib/webhooks/prune-webhook-history";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { deliverDueWebhooks } from "@/lib/webhooks/run-webhook-deliverer";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/set-webhook-endpoint-enabled";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { realPostgresAvailable, useTestDatabase } from "../support/test-db";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { draft, seedConnectedMailbox, seedFakeConfiguration } from "./outbox-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";
import { readable } from "../support/captured-mail";

const database = useTestDatabase();
const fakes = useOutboxFakes();

const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

let counter = 0;

/** A school with a connected Google mailbox and an endpoint at a fresh receiver wanting `eventTypes`. */
async function school(eventTypes: readonly string[] = webhookEventTypes) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
  const mailbox = await seedConnectedMailbox(
    fakes,
    config,
    `hooks${++counter}-${people.tenant.slug}@lycee.test`,
  );
  const ctx = await contextFor(people.admin, people.tenant, "webhooks.write");
  const outboxCtx = await contextFor(people.admin, people.tenant, "outbox.write");
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const endpoint = await createWebhookEndpoint(ctx, {
    url: receiver.url,
    description: "Vie scolaire",
    eventTypes: eventTypes as (typeof webhookEventTypes)[number][],
  });
  receiver.verifyWith(endpoint.secret);
  const queue = (overrides = {}) =>
    queueMail(
      { kind: "person", ctx: outboxCtx },
      { mailbox: { mailboxId: mailbox.id }, draft: draft(overrides) },
    );
  return { ...people, config, mailbox, ctx, receiver, endpoint, queue };
}

const deliverOptions = { workerId: "test-deliverer", allowLocalProviders: true, timeoutMs: 1_000 };

/** Delivery rounds until nothing is due. */
async function deliverAll() {
  let total = 0;
  for (let round = 0; round < 20; round++) {
    const settled = await deliverDueWebhooks(deliverOptions);
    total += settled;
    if (settled === 0) return total;
  }
  return total;
}

async function deliveriesOf(endpointId: string) {
  const db = await getDb();
  return db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { seq: "asc" },
    include: { event: true },
  });
}

/** As if the retry's time had come. */
async function makeDue(endpointId: string) {
  const db = await getDb();
  await db.webhookDelivery.updateMany({
    where: { endpointId, status: "pending" },
    data: { nextAttemptAt: new Date(Date.now() - 1_000) },
  });
}

async function setMailboxState(id: string, data: Record<string, unknown>) {
  const db = await getDb();
  await db.mailbox.update({ where: { id }, data });
}

describe("events are written with the change that causes them", () => {
  it("delivers every event type, signed as Standard Webhooks says, through the real worker", async () => {
    const { mailbox, config, receiver, endpoint, queue, ctx, tenant } = await school();
    const db = await getDb();

    // mailbox.state_changed (needs_reconnect), then mail.held for mail queued meanwhile.
    await setMailboxState(mailbox.id, { state: "needs_reconnect", lastErrorCode: "invalid_grant" });
    const held = await queue({ subject: "Absences" });
    expect(held.status).toBe("held");
    // Reconnected: mailbox.state_changed (connected), then mail.released and, once sent, mail.sent.
    await db.$transaction(async (tx) => {
      await tx.mailbox.update({
        where: { id: mailbox.id },
        data: { state: "connected", lastErrorCode: null },
      });
      await releaseHeldMail(tenant.id, mailbox.id, tx);
    });
    let refused: Awaited<ReturnType<typeof queue>> | undefined;
    const worker = startWorker({
      workerId: "webhooks-worker",
      pollMs: 50,
      maintenanceEveryMs: 0,
      webhooks: { allowLocalProviders: true, pollMs: 50, timeoutMs: 2_000 },
    });
    try {
      await receiver.waitFor(5, 20_000);
      // mail.failed: the server refuses the next mail for good.
      fakes.control.failNext(mailbox.address, "550 5.1.1 Recipient address rejected");
      refused = await queue({ subject: "Refusé" });
      await receiver.waitFor(6, 20_000);
      // configuration.error, mailbox.state_changed (paused), and a test event.
      await db.clientConfiguration.update({
        where: { id: config.id },
        data: { brokenAt: new Date(), brokenReason: "invalid_client" },
      });
      await setMailboxState(mailbox.id, {
        pausedUntil: new Date(Date.now() + 3_600_000),
        pauseReason: "quota",
      });
      await sendTestWebhook(ctx, endpoint.id);
      await receiver.waitFor(9, 20_000);
    } finally {
      await worker.stop();
    }

    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const types = receiver.received.map((r) => r.payload.type).sort();
    expect(types).toEqual(
      [
        "configuration.error",
        "mail.failed",
        "mail.held",
        "mail.released",
        "mail.sent",
        "mailbox.state_changed",
        "mailbox.state_changed",
        "mailbox.state_changed",
        "webhook.test",
      ].sort(),
    );
    const payload = (type: string, pick: (data: Record<string, unknown>) => boolean = () => true) =>
      receiver.received.find((r) => r.payload.type === type && pick(r.payload.data))!.payload;

    expect(payload("mail.held").data).toMatchObject({
      id: held.id,
      mailboxId: mailbox.id,
      status: "held",
      reason: { code: "mailbox_needs_reconnect", message: expect.stringContaining("reconnected") },
    });
    expect(payload("mail.released").data).toMatchObject({ id: held.id, previousStatus: "held" });
    expect(payload("mail.sent").data).toMatchObject({ id: held.id, status: "sent", reason: null });
    expect(payload("mail.sent").data.smtpResponse).toMatch(/^250/);
    expect(payload("mail.failed").data).toMatchObject({
      id: refused!.id,
      status: "failed",
      reason: { code: "rejected", response: expect.stringContaining("550 5.1.1") },
    });
    expect(payload("mailbox.state_changed", (d) => d.state === "needs_reconnect").data).toMatchObject({
      mailboxId: mailbox.id,
      address: mailbox.address,
      previousState: "connected",
      reason: { code: "invalid_grant", message: expect.stringMatching(/no longer accepts/) },
    });
    expect(payload("mailbox.state_changed", (d) => d.state === "paused").data).toMatchObject({
      previousState: "connected",
      reason: { code: "quota" },
      pausedUntil: expect.stringMatching(/Z$/),
    });
    expect(payload("configuration.error").data).toMatchObject({
      configurationId: config.id,
      reason: { code: "invalid_client", message: expect.stringContaining("client ID") },
    });
    // Never a token or a body in any payload.
    const everything = receiver.received.map((r) => r.body).join("\n");
    expect(everything).not.toMatch(/access_token|refresh|Bulletin|Hello/i);
    const rows = await deliveriesOf(endpoint.id);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "delivered"));
    // The header's id is the event's, and the timestamp is the attempt's, in seconds.
    expect(receiver.received.map((r) => r.id).sort()).toEqual(rows.map((r) => r.eventId).sort());
    for (const r of receiver.received)
      expect(Math.abs(Number(r.timestamp) - Date.now() / 1000)).toBeLessThan(60);
  }, 60_000);

  it("names in mail.sent the recipients refused at RCPT while the others got the mail", async () => {
    const { receiver, queue } = await school(["mail.sent"]);
    fakes.control.refuseRecipient("ancien.eleve@lycee.test");
    const partly = await queue({ to: ["parent@example.org", "ancien.eleve@lycee.test"] });
    const whole = await queue({ to: ["parent@example.org"] });
    const worker = startWorker({
      workerId: "refused-recipients-worker",
      pollMs: 50,
      maintenanceEveryMs: 0,
      webhooks: { allowLocalProviders: true, pollMs: 50, timeoutMs: 2_000 },
    });
    try {
      await receiver.waitFor(2, 20_000);
    } finally {
      await worker.stop();
      fakes.control.refuseRecipient("ancien.eleve@lycee.test", null);
    }
    const sent = (id: string) => receiver.received.find((r) => r.payload.data.id === id)!.payload;
    expect(sent(partly.id)).toMatchObject({ type: "mail.sent", data: { status: "sent", reason: null } });
    expect(sent(partly.id).data.refusedRecipients).toEqual([
      { address: "ancien.eleve@lycee.test", response: expect.stringContaining("550 5.1.1") },
    ]);
    expect(sent(whole.id).data.refusedRecipients).toEqual([]);
  }, 60_000);

  it("writes nothing when no enabled endpoint wants the event, and only what an endpoint chose", async () => {
    const { mailbox, endpoint, receiver, ctx } = await school(["mail.sent"]);
    const db = await getDb();
    await setMailboxState(mailbox.id, { state: "needs_reconnect", lastErrorCode: "invalid_grant" });
    expect(await db.webhookEvent.count({ where: { mailboxId: mailbox.id } })).toBe(0);

    await setWebhookEndpointEnabled(ctx, { id: endpoint.id, enabled: false });
    await setMailboxState(mailbox.id, { state: "connected" });
    const other = await school(["mailbox.state_changed"]);
    await setWebhookEndpointEnabled(other.ctx, { id: other.endpoint.id, enabled: false });
    await setMailboxState(other.mailbox.id, { state: "needs_reconnect" });
    expect(
      await db.webhookEvent.count({ where: { mailboxId: { in: [mailbox.id, other.mailbox.id] } } }),
    ).toBe(0);
    await deliverAll();
    expect(receiver.received).toHaveLength(0);
  });

  it("writes no event for a change that rolled back", async () => {
    const { mailbox, endpoint, receiver } = await school(["mailbox.state_changed"]);
    const db = await getDb();
    await expect(
      db.$transaction(async (tx) => {
        await tx.mailbox.update({ where: { id: mailbox.id }, data: { state: "needs_reconnect" } });
        expect(await tx.webhookEvent.count({ where: { mailboxId: mailbox.id } })).toBe(1);
        throw new Error("the request failed after the update");
      }),
    ).rejects.toThrow("after the update");
    expect(await db.webhookEvent.count({ where: { mailboxId: mailbox.id } })).toBe(0);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(0);
    await deliverAll();
    expect(receiver.received).toHaveLength(0);
  });

  it("tells that a mailbox was revoked from the dashboard, in words", async () => {
    const { mailbox, receiver, admin, tenant } = await school(["mailbox.state_changed"]);
    const ctx = await contextFor(admin, tenant, "mailboxes.write");
    await revokeConnection(ctx, mailbox.id);
    await deliverAll();
    expect(receiver.received.map((r) => r.payload.data)).toEqual([
      expect.objectContaining({
        mailboxId: mailbox.id,
        state: "revoked",
        previousState: "connected",
        reason: { code: "revoked", message: expect.stringContaining("revoked") },
      }),
    ]);
  });

  it("keeps each school's events to its own endpoints", async () => {
    const a = await school(["mailbox.state_changed"]);
    const b = await school(["mailbox.state_changed"]);
    await setMailboxState(a.mailbox.id, { state: "needs_reconnect" });
    await deliverAll();
    expect(a.receiver.received.map((r) => r.payload.data.mailboxId)).toEqual([a.mailbox.id]);
    expect(b.receiver.received).toHaveLength(0);
    const db = await getDb();
    expect(await db.webhookDelivery.count({ where: { endpointId: b.endpoint.id } })).toBe(0);
  });

  it("warns once per forecast end of a connection ending soon", async () => {
    const people = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, people.tenant.id, "microsoft");
    const mailbox = await seedConnectedMailbox(fakes, config, `ending-${people.tenant.slug}@college.test`);
    const ctx = await contextFor(people.admin, people.tenant, "webhooks.write");
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const endpoint = await createWebhookEndpoint(ctx, {
      url: receiver.url,
      description: "",
      eventTypes: ["mailbox.ending_soon"],
    });
    receiver.verifyWith(endpoint.secret);
    const now = new Date();
    // Microsoft ends an authorization after 90 days unused: this one was last refreshed 80 days ago.
    const lastRefreshAt = new Date(now.getTime() - 80 * 24 * 3600 * 1000);
    await setMailboxState(mailbox.id, { lastRefreshAt });

    await queueEndingSoonEvents(now);
    await queueEndingSoonEvents(now);
    await deliverAll();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.payload).toMatchObject({
      type: "mailbox.ending_soon",
      data: {
        mailboxId: mailbox.id,
        endsAt: new Date(lastRefreshAt.getTime() + 90 * 24 * 3600 * 1000).toISOString(),
        reason: { code: "inactivity", message: expect.stringContaining("if the mailbox is not used") },
      },
    });
  });
});

describe("delivery", () => {
  it("retries after a 500 and after a timeout, with the same webhook-id, on the schedule", async () => {
    const { mailbox, endpoint, receiver } = await school(["mailbox.state_changed"]);
    receiver.answer({ status: 500 }, { hang: true });
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });

    const before = Date.now();
    await deliverDueWebhooks(deliverOptions);
    let [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "http_500" });
    const wait = row!.nextAttemptAt.getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0] - 1_000);
    expect(wait).toBeLessThan(RETRY_DELAYS_MS[0] + 5_000);
    // Not due yet: nothing goes out.
    expect(await deliverDueWebhooks(deliverOptions)).toBe(0);

    await makeDue(endpoint.id);
    await deliverDueWebhooks(deliverOptions);
    [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastStatusCode: null, lastError: "timeout" });
    expect(row!.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(RETRY_DELAYS_MS[1] - 10_000);

    await makeDue(endpoint.id);
    await deliverDueWebhooks(deliverOptions);
    [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204, lastError: null });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([row!.eventId]));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    const db = await getDb();
    const endpointRow = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(endpointRow.failingSince).toBeNull();
    expect(endpointRow.lastSuccessAt).not.toBeNull();
  });

  it("gives up after the last attempt of a schedule that spans more than a day", async () => {
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3600 * 1000);
    const { mailbox, endpoint, receiver } = await school(["mailbox.state_changed"]);
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });
    const db = await getDb();
    await db.webhookDelivery.updateMany({
      where: { endpointId: endpoint.id },
      data: { attempts: MAX_ATTEMPTS - 1 },
    });
    receiver.answer({ status: 503 });
    await deliverDueWebhooks(deliverOptions);
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "http_503" });
  });

  it("delivers one mailbox's events in the order they happened, without holding up other mailboxes", async () => {
    const { mailbox, config, endpoint, receiver } = await school(["mailbox.state_changed"]);
    const second = await seedConnectedMailbox(fakes, config, `second-${counter}@lycee.test`);
    // Its connection was an event too: delivered, and out of the way.
    await deliverAll();
    expect(receiver.received.map((r) => r.payload.data.state)).toEqual(["connected"]);
    receiver.received.length = 0;
    receiver.answer({ status: 500 });
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });
    await setMailboxState(mailbox.id, { state: "connected" });
    await setMailboxState(mailbox.id, { state: "revoked" });
    await setMailboxState(second.id, { state: "needs_reconnect" });

    await deliverAll();
    // The first mailbox's first event failed: its next two wait behind it; the second mailbox's went.
    expect(receiver.received.map((r) => [r.payload.data.mailboxId, r.payload.data.state])).toEqual(
      expect.arrayContaining([
        [mailbox.id, "needs_reconnect"],
        [second.id, "needs_reconnect"],
      ]),
    );
    expect(receiver.received).toHaveLength(2);

    await makeDue(endpoint.id);
    await deliverAll();
    const states = receiver.received
      .filter((r) => r.payload.data.mailboxId === mailbox.id)
      .map((r) => r.payload.data.state);
    expect(states).toEqual(["needs_reconnect", "needs_reconnect", "connected", "revoked"]);
  });

  it("refuses addresses the guard forbids and redirects, without following them", async () => {
    const { mailbox, endpoint, receiver } = await school(["mailbox.state_changed"]);
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });
    // Local addresses allowed only by the development switch: without it nothing connects.
    await deliverDueWebhooks({ ...deliverOptions, allowLocalProviders: false });
    let [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", lastError: "not_https", lastStatusCode: null });
    expect(receiver.received).toHaveLength(0);

    const db = await getDb();
    // A name that resolves to loopback is refused at connect time.
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { url: `https://localhost:${receiver.port}/hooks` },
    });
    await makeDue(endpoint.id);
    await deliverDueWebhooks({ ...deliverOptions, allowLocalProviders: false });
    [row] = await deliveriesOf(endpoint.id);
    expect(row!.lastError).toBe("blocked_address");
    expect(receiver.received).toHaveLength(0);

    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: receiver.url } });
    receiver.answer({ redirect: "http://127.0.0.1:1/elsewhere" });
    await makeDue(endpoint.id);
    await deliverDueWebhooks(deliverOptions);
    [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", lastError: "redirect_refused" });
    expect(receiver.received).toHaveLength(1);
  });

  it("signs with both secrets during a rotation's overlap", async () => {
    const { mailbox, endpoint, receiver, ctx } = await school(["mailbox.state_changed"]);
    const rotated = await rotateWebhookSecret(ctx, endpoint.id);
    expect(rotated.secret).not.toBe(endpoint.secret);
    // Verified with the old secret and with the new one: both signatures are there.
    receiver.verifyWith(endpoint.secret, rotated.secret);
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });
    await deliverAll();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.signature.split(" ")).toHaveLength(2);
    expect(receiver.received[0]!.verified).toBe(true);

    const db = await getDb();
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1_000) },
    });
    await setMailboxState(mailbox.id, { state: "connected" });
    await deliverAll();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.signature.split(" ")).toHaveLength(1);
    receiver.verifyWith(rotated.secret);
    await setMailboxState(mailbox.id, { state: "revoked" });
    await deliverAll();
    expect(receiver.received[2]!.verified).toBe(true);
    // The secrets are stored encrypted only.
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(JSON.stringify(row)).not.toContain(rotated.secret.slice(6));
    expect(JSON.stringify(row)).not.toContain(endpoint.secret.slice(6));
  });

  it("says so when the secret can no longer be read, and recovers when it is rotated", async () => {
    const { mailbox, endpoint, receiver, ctx } = await school(["mailbox.state_changed"]);
    const db = await getDb();
    // Sealed for another endpoint's row: it does not decrypt here (as after losing the key).
    const other = await db.webhookEndpoint.findFirstOrThrow({ where: { id: { not: endpoint.id } } });
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { secretCipher: other.secretCipher },
    });
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });
    await deliverAll();
    let [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "secret_unreadable" });
    expect(receiver.received).toHaveLength(0);

    const rotated = await rotateWebhookSecret(ctx, endpoint.id);
    receiver.verifyWith(rotated.secret);
    await makeDue(endpoint.id);
    await deliverAll();
    [row] = await deliveriesOf(endpoint.id);
    expect(row!.status).toBe("delivered");
    expect(receiver.received[0]!.signature.split(" ")).toHaveLength(1);
    expect(receiver.received[0]!.verified).toBe(true);
  });

  it("redelivers an event with the same id and body", async () => {
    const { mailbox, endpoint, receiver, ctx } = await school(["mailbox.state_changed"]);
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });
    await deliverAll();
    const [first] = await deliveriesOf(endpoint.id);
    await redeliverWebhook(ctx, { id: endpoint.id, deliveryId: first!.id });
    await deliverAll();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.id).toBe(receiver.received[0]!.id);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    const other = await school(["mailbox.state_changed"]);
    await expect(redeliverWebhook(other.ctx, { id: endpoint.id, deliveryId: first!.id })).rejects.toThrow(
      "errors.notFound",
    );
  });

  it("pauses an endpoint failing for days, tells its admins, and resumes its backlog when enabled", async () => {
    const { mailbox, endpoint, receiver, ctx, admin, tenant } = await school(["mailbox.state_changed"]);
    const db = await getDb();
    // An admin who chose English (the school's language is French).
    await db.user.update({ where: { id: admin.id }, data: { locale: "en" } });
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(Date.now() - 6 * 24 * 3600 * 1000) },
    });
    receiver.answer({ status: 500 });
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });
    await deliverAll();

    const paused = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(paused).toMatchObject({ enabled: false, pausedReason: "failing" });
    const mails = (await db.capturedMail.findMany({ where: { to: admin.email } })).map(readable);
    expect(mails.map((m) => m.subject)).toContain(`${tenant.name}: a webhook endpoint was paused`);
    expect(mails.find((m) => m.subject.includes("webhook"))!.text).toContain(`/webhooks/${endpoint.id}`);
    const audit = await db.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "webhook_endpoint.paused_failing" },
    });
    expect(audit).toHaveLength(1);

    // Paused: no new events, and the pending retry waits.
    await setMailboxState(mailbox.id, { state: "connected" });
    await makeDue(endpoint.id);
    expect(await deliverAll()).toBe(0);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);

    await setWebhookEndpointEnabled(ctx, { id: endpoint.id, enabled: true });
    await deliverAll();
    expect(receiver.received.map((r) => r.payload.data.state)).toEqual([
      "needs_reconnect",
      "needs_reconnect",
    ]);
    const enabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(enabled).toMatchObject({ enabled: true, pausedReason: null, failingSince: null });
  });
});

describe("history", () => {
  it("forgets events older than 30 days once none of their deliveries is pending", async () => {
    const { mailbox, endpoint, receiver } = await school(["mailbox.state_changed"]);
    receiver.answer({ status: 204 }, { status: 500 });
    await setMailboxState(mailbox.id, { state: "needs_reconnect" });
    await setMailboxState(mailbox.id, { state: "connected" });
    await deliverAll();
    const db = await getDb();
    const old = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    await db.webhookEvent.updateMany({ where: { mailboxId: mailbox.id }, data: { createdAt: old } });

    await pruneWebhookHistory(db);
    const left = await deliveriesOf(endpoint.id);
    // The delivered one is gone; the one still retrying stays.
    expect(left.map((d) => [d.status, d.event.data])).toEqual([
      ["pending", expect.objectContaining({ state: "connected" })],
    ]);
  });
});

describe("a worker killed during a delivery", () => {
  const enabled = realPostgresAvailable("a webhook deliverer process killed mid-delivery");
  const running = new Set<ChildProcess>();
  afterAll(() => {
    for (const child of running) child.kill("SIGKILL");
  });

  it.runIf(enabled)(
    "is delivered again by another worker, with the same id, once the lease expires",
    async () => {
      const { mailbox, endpoint, receiver } = await school(["mailbox.state_changed"]);
      receiver.answer({ hang: true });
      await setMailboxState(mailbox.id, { state: "needs_reconnect" });

      // node with tsx's loader, so that SIGKILL reaches the process that delivers.
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.resolve("tests/support/webhook-deliverer-child.ts")],
        {
          env: { ...process.env, DATABASE_URL: database.url, RELAIS_WEBHOOK_LEASE_MS: "4000" },
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      running.add(child);
      await receiver.waitFor(1, 30_000);
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      });

      let [row] = await deliveriesOf(endpoint.id);
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      // The lease is still held: nobody else takes the delivery before it expires.
      expect(await deliverDueWebhooks(deliverOptions)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 4_100));
      await deliverDueWebhooks(deliverOptions);
      [row] = await deliveriesOf(endpoint.id);
      expect(row).toMatchObject({ status: "delivered", attempts: 2 });
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1]!.id).toBe(receiver.received[0]!.id);
    },
    60_000,
  );
});
