import { createHmac, randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deliverDueWebhooks } from "@/lib/webhooks/run-webhook-deliverer";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { sealWebhookSecret } from "@/lib/webhooks/webhook-secret";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { freePort } from "../support/e2e-server";
import { contextFor, seedMember, seedTenant } from "../support/factories";

const password = "correct horse battery staple";

// The worker below runs in this process, which encrypts secrets at rest with
// a key of its own (the server under test has another, which it keeps).
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

/** Screenshots for a person to look at, when RELAIS_SCREENSHOTS_DIR names a folder (never the repository). */
const shotsDir = process.env.RELAIS_SCREENSHOTS_DIR;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A school's program listening on 127.0.0.1: answers 200, or 500 on paths under /fail. */
function useReceiver() {
  const received: Received[] = [];
  let server: Server | undefined;
  let port = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const url = request.url ?? "/";
        received.push({ path: url, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        const status = url.startsWith("/fail") ? 500 : 200;
        response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "broken");
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return { received, url: (pathname: string) => `http://127.0.0.1:${port}${pathname}` };
}

/** The Standard Webhooks signature of a received request with `secret` (`v1,` and base64 of the HMAC). */
function signatureWith(secret: string, request: Received): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signed = `${request.headers["webhook-id"]}.${request.headers["webhook-timestamp"]}.${request.body}`;
  return `v1,${createHmac("sha256", key).update(signed).digest("base64")}`;
}

/**
 * The server sealed the endpoint's secrets under its own key; the worker of
 * this process reads them under this process's key. So the test seals the
 * secrets the page showed, as a worker sharing the server's key would read them.
 */
async function sealHere(db: Db, endpointId: string, secret: string, previous?: string) {
  await db.webhookEndpoint.update({
    where: { id: endpointId },
    data: {
      secretCipher: sealWebhookSecret(endpointId, "secret", secret),
      ...(previous
        ? { previousSecretCipher: sealWebhookSecret(endpointId, "previousSecret", previous) }
        : {}),
    },
  });
}

/** One round of the workers' webhook loop, in this process, against the server's database. */
const deliver = () => deliverDueWebhooks({ workerId: "e2e", allowLocalProviders: true, timeoutMs: 5_000 });

const deliveryRows = (page: Page) => page.getByTestId("webhook-delivery-row");

/** The page does not scroll sideways at its current width (tables scroll inside their own box). */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is ${width} px wide`).toBeLessThanOrEqual(390);
}

async function shot(page: Page, name: string) {
  if (!shotsDir) return;
  await mkdir(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

describe.skipIf(!browserTestsRun)("the webhook pages in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();
  const receiver = useReceiver();

  it("an admin adds an endpoint, sees its secret once, and a signed test event reaches it, then again", async () => {
    const tenant = await seedTenant({ name: "Collège Jean Moulin" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const member = await seedMember(tenant.id, "member", { password });
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/webhooks`);
    await expectTestId(page, "webhook-list");
    await expect(page.getByRole("navigation").getByRole("link", { name: "Webhooks" }).count()).resolves.toBe(
      1,
    );
    await expect(page.getByTestId("webhook-list").innerText()).resolves.toContain("No endpoint yet");

    // Refused: no address, no event. The errors stand beside their fields; nothing is created.
    await page.getByTestId("webhook-create").click();
    await expect((await expectTestId(page, "webhook-error-url")).innerText()).resolves.toBe(
      "Type the address that receives the events.",
    );
    await expect(page.getByTestId("webhook-error-eventTypes").innerText()).resolves.toBe(
      "Choose at least one event.",
    );
    await expect(page.getByTestId("webhook-url").getAttribute("aria-invalid")).resolves.toBe("true");
    expect(await e2e.db.webhookEndpoint.count({ where: { tenantId: tenant.id } })).toBe(0);

    const url = receiver.url(`/relais/${tenant.slug}`);
    await page.getByTestId("webhook-url").fill(url);
    await page.getByTestId("webhook-description").fill("Timetable software");
    await page.getByTestId("webhook-event-mail.sent").check();
    await page.getByTestId("webhook-event-mail.failed").check();
    await page.getByTestId("webhook-create").click();
    const secret = await (await expectTestId(page, "webhook-secret")).innerText();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await expect(page.getByTestId("webhook-created").innerText()).resolves.toContain(
      "Copy the signing secret now into the receiving software: it will not be shown again.",
    );
    await expect(page.getByTestId("webhook-error-url").count()).resolves.toBe(0);
    const endpoint = await e2e.db.webhookEndpoint.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(endpoint).toMatchObject({
      url,
      description: "Timetable software",
      eventTypes: ["mail.sent", "mail.failed"],
      enabled: true,
    });
    expect(endpoint.secretCipher).not.toContain(secret.slice(6, 20));

    // Listed at once, in words.
    const row = page.locator(`[data-testid="webhook-row"][data-endpoint-id="${endpoint.id}"]`);
    await row.waitFor();
    await expect(row.getByTestId("webhook-state").innerText()).resolves.toBe("Enabled");
    await expect(row.innerText()).resolves.toMatch(/Timetable software[\s\S]*Mail sent\s+Mail failed/);
    await expect(row.getByTestId("webhook-counts").innerText()).resolves.toMatch(/0 waiting\s+0 failed/);

    // The next step: the endpoint's page, and a test event.
    await page.getByTestId("webhook-created-open").click();
    await expect((await expectTestId(page, "webhook-endpoint-url")).innerText()).resolves.toBe(url);
    await expect(page.getByTestId("webhook-deliveries").innerText()).resolves.toContain(
      "No event has been sent to this endpoint yet.",
    );
    await expect(page.getByTestId("webhook-last-success").innerText()).resolves.toBe(
      "No delivery has succeeded yet.",
    );
    await page.getByTestId("webhook-send-test").click();
    await expect((await expectTestId(page, "webhook-test-result")).innerText()).resolves.toContain(
      "The test event is queued",
    );
    await deliveryRows(page).first().waitFor();
    await expect(deliveryRows(page).first().getByTestId("delivery-status").innerText()).resolves.toBe(
      "Waiting to be sent",
    );
    const delivery = await e2e.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });

    await sealHere(e2e.db, endpoint.id, secret);
    await deliver();
    const first = receiver.received.filter((r) => r.path === `/relais/${tenant.slug}`);
    expect(first).toHaveLength(1);
    expect(first[0]!.headers["webhook-id"]).toBe(delivery.eventId);
    expect(first[0]!.headers["content-type"]).toBe("application/json");
    expect(first[0]!.headers["webhook-signature"]).toBe(signatureWith(secret, first[0]!));
    expect(JSON.parse(first[0]!.body)).toMatchObject({
      type: "webhook.test",
      data: { endpointId: endpoint.id, message: "A test event sent from Relais to check this endpoint." },
    });

    await page.reload();
    const delivered = deliveryRows(page).first();
    await delivered.waitFor();
    await expect(delivered.getAttribute("data-event-id")).resolves.toBe(delivery.eventId);
    await expect(delivered.getByTestId("delivery-status").getAttribute("data-status")).resolves.toBe(
      "delivered",
    );
    await expect(delivered.getByTestId("delivery-status").innerText()).resolves.toMatch(/^Delivered\s+on /);
    await expect(delivered.getByTestId("delivery-answer").innerText()).resolves.toBe("200");
    await expect(delivered.getByTestId("delivery-attempts").innerText()).resolves.toBe("1");
    await expect(delivered.getByTestId("delivery-duration").innerText()).resolves.toMatch(/^\d+\s?ms$/);
    const payload = page.locator(
      `[data-testid="webhook-delivery-payload"][data-delivery-id="${delivery.id}"]`,
    );
    await expect(payload.getByTestId("delivery-payload").isVisible()).resolves.toBe(false);
    await payload.getByText("Message sent (JSON)").click();
    await expect(payload.getByTestId("delivery-payload").innerText()).resolves.toContain(
      '"type": "webhook.test"',
    );
    await expect(payload.innerText()).resolves.toContain(`webhook-id: ${delivery.eventId}`);
    await expect(page.getByTestId("webhook-last-success").innerText()).resolves.toMatch(
      /^Last successful delivery: /,
    );

    // Redelivered: a new delivery of the same event, with the same webhook-id and body.
    await delivered.getByTestId("webhook-redeliver").click();
    await deliveryRows(page).nth(1).waitFor();
    await expect(
      deliveryRows(page).first().getByTestId("delivery-status").getAttribute("data-status"),
    ).resolves.toBe("waiting");
    await deliver();
    const both = receiver.received.filter((r) => r.path === `/relais/${tenant.slug}`);
    expect(both).toHaveLength(2);
    expect(both[1]!.headers["webhook-id"]).toBe(delivery.eventId);
    expect(both[1]!.body).toBe(both[0]!.body);
    expect(both[1]!.headers["webhook-signature"]).toBe(signatureWith(secret, both[1]!));
    await page.reload();
    await deliveryRows(page).nth(1).waitFor();
    for (const status of await page.getByTestId("delivery-status").all()) {
      await expect(status.getAttribute("data-status")).resolves.toBe("delivered");
    }

    // The secret is gone for good; the audit log says what happened, in words.
    await page.goto(`/t/${tenant.slug}/webhooks`);
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.goto(`/t/${tenant.slug}/audit`);
    const audit = await page.getByTestId("audit-table").innerText();
    expect(audit).toContain("Webhook endpoint added");
    expect(audit).toContain("Webhook test event sent");
    expect(audit).toContain("Webhook endpoint");

    // A member has no webhooks: no link, and the pages are not there.
    const memberPage = await browser.newPage();
    await signIn(memberPage, member.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    await expectTestId(memberPage, "current-user");
    await expect(memberPage.getByRole("link", { name: "Webhooks" }).count()).resolves.toBe(0);
    await memberPage.goto(`/t/${tenant.slug}/webhooks`);
    await expectTestId(memberPage, "not-found");
    await memberPage.goto(`/t/${tenant.slug}/webhooks/${endpoint.id}`);
    await expectTestId(memberPage, "not-found");
  });

  it("an admin rotates the secret, reads failures in words, edits, pauses, enables and deletes", async () => {
    const tenant = await seedTenant({ name: "Lycée Marie Curie" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/webhooks`);
    await expectTestId(page, "webhook-create-form");
    const url = receiver.url(`/fail/${tenant.slug}`);
    await page.getByTestId("webhook-url").fill(url);
    await page.getByTestId("webhook-event-mail.held").check();
    await page.getByTestId("webhook-create").click();
    const oldSecret = await (await expectTestId(page, "webhook-secret")).innerText();
    await page.getByTestId("webhook-created-open").click();
    await expectTestId(page, "webhook-endpoint-url");
    const endpoint = await e2e.db.webhookEndpoint.findFirstOrThrow({ where: { tenantId: tenant.id } });
    await expect(page.getByTestId("webhook-secret-overlap").count()).resolves.toBe(0);

    // Rotation: the new secret once, and the old one signing beside it for 24 hours.
    await page.getByTestId("webhook-rotate").click();
    await page.getByTestId("webhook-rotate-confirm").click();
    const newSecret = await (await expectTestId(page, "webhook-new-secret")).innerText();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    await expect(page.getByTestId("webhook-rotated").innerText()).resolves.toMatch(
      /it will not be shown again\. The old secret keeps signing deliveries until /,
    );
    await expect((await expectTestId(page, "webhook-secret-overlap")).innerText()).resolves.toContain(
      "each delivery carries two signatures",
    );
    await shot(page, "endpoint-rotated-en-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, "the endpoint page with a new secret");
    await shot(page, "endpoint-rotated-en-390");
    await page.setViewportSize({ width: 1280, height: 720 });
    const rotated = await e2e.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    const overlapHours = (rotated.previousSecretExpiresAt!.getTime() - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);

    // A failing answer: two signatures, and the answer in words.
    await page.getByTestId("webhook-send-test").click();
    await deliveryRows(page).first().waitFor();
    await sealHere(e2e.db, endpoint.id, newSecret, oldSecret);
    await deliver();
    const [request] = receiver.received.filter((r) => r.path === `/fail/${tenant.slug}`);
    expect(request!.headers["webhook-signature"]).toBe(
      `${signatureWith(newSecret, request!)} ${signatureWith(oldSecret, request!)}`,
    );
    await page.reload();
    const row = deliveryRows(page).first();
    await row.waitFor();
    await expect(row.getByTestId("delivery-status").getAttribute("data-status")).resolves.toBe("retry");
    await expect(row.getByTestId("delivery-status").innerText()).resolves.toMatch(/^Waiting to retry at /);
    await expect(row.getByTestId("delivery-answer").innerText()).resolves.toBe("The endpoint answered 500");
    await expect(page.getByTestId("webhook-state-text").innerText()).resolves.toMatch(
      /^Every delivery has failed since .+\. If they keep failing until /,
    );
    await expect(page.getByTestId("webhook-state").innerText()).resolves.toBe("Enabled");

    // Settings: a refused address stays beside its field; a good one is saved.
    const settings = page.getByTestId("webhook-settings-form");
    await settings.getByTestId("webhook-url").fill("ftp://timetable.example.org/hooks");
    await settings.getByTestId("webhook-save").click();
    await expectTestId(page, "webhook-error-url");
    await expect(settings.getByTestId("webhook-url").getAttribute("aria-invalid")).resolves.toBe("true");
    const closed = `http://127.0.0.1:${await freePort()}/gone`;
    await settings.getByTestId("webhook-url").fill(closed);
    await settings.getByTestId("webhook-description").fill("Old server");
    await settings.getByTestId("webhook-event-mail.sent").check();
    await settings.getByTestId("webhook-save").click();
    await page.getByTestId("webhook-settings-result").getByText("Settings saved.").waitFor();
    await page.getByTestId("webhook-endpoint-url").getByText(closed).waitFor();
    await expect(
      e2e.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
    ).resolves.toMatchObject({
      url: closed,
      description: "Old server",
      eventTypes: ["mail.sent", "mail.held"],
    });

    // Nothing listens there any more: "connection refused", in words.
    await e2e.db.webhookDelivery.updateMany({
      where: { endpointId: endpoint.id },
      data: { nextAttemptAt: new Date(0) },
    });
    await deliver();
    await page.reload();
    await expect(deliveryRows(page).first().getByTestId("delivery-answer").innerText()).resolves.toBe(
      "Connection refused: nothing answers at this address",
    );
    await expect(deliveryRows(page).first().getByTestId("delivery-attempts").innerText()).resolves.toBe("2");

    // Paused by the admin: no test event, and the waiting delivery says why it waits.
    await page.getByTestId("webhook-pause").click();
    await page.getByTestId("webhook-enable").waitFor();
    await expect(page.getByTestId("webhook-state").innerText()).resolves.toBe("Paused by an administrator");
    await expect(page.getByTestId("webhook-send-test").isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId("webhook-test-paused").innerText()).resolves.toBe(
      "A paused endpoint receives no events: enable it to send a test event.",
    );
    await expect(deliveryRows(page).first().getByTestId("delivery-status").innerText()).resolves.toBe(
      "Waiting: the endpoint is paused",
    );

    // Paused by Relais after days of failures: said in words, with since when.
    const failingSince = new Date(Date.now() - 6 * 86_400_000);
    await e2e.db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { pausedReason: "failing", failingSince, pausedAt: new Date() },
    });
    await page.reload();
    await expect((await expectTestId(page, "webhook-state")).innerText()).resolves.toMatch(
      /^Paused: failing since /,
    );
    await expect(page.getByTestId("webhook-state-text").innerText()).resolves.toMatch(
      /^Relais paused the endpoint on .+ because every delivery had failed since .+\. Check that the receiving software is running/,
    );
    await page.goto(`/t/${tenant.slug}/webhooks`);
    const listed = page.locator(`[data-testid="webhook-row"][data-endpoint-id="${endpoint.id}"]`);
    await expect(listed.getByTestId("webhook-state").getAttribute("data-state")).resolves.toBe(
      "paused_failing",
    );
    await expect(listed.getByTestId("webhook-state").innerText()).resolves.toMatch(/^Paused: failing since /);
    await expect(listed.getByTestId("webhook-counts").innerText()).resolves.toMatch(/^1 waiting/);

    await listed.getByRole("link", { name: closed }).click();
    await (await expectTestId(page, "webhook-enable")).click();
    await page.getByTestId("webhook-pause").waitFor();
    await expect(page.getByTestId("webhook-state").innerText()).resolves.toBe("Enabled");
    await expect(page.getByTestId("webhook-send-test").isDisabled()).resolves.toBe(false);

    await page.getByTestId("webhook-delete").click();
    await expect(
      page.getByText(`Delete the endpoint ${closed}? This cannot be undone.`).count(),
    ).resolves.toBe(1);
    await page.getByTestId("webhook-delete-confirm").click();
    await page.waitForURL((u) => u.pathname === `/t/${tenant.slug}/webhooks`);
    await expect((await expectTestId(page, "webhook-list")).innerText()).resolves.toContain(
      "No endpoint yet",
    );
    expect(await e2e.db.webhookEndpoint.count({ where: { tenantId: tenant.id } })).toBe(0);
    const actions = await e2e.db.auditEntry.findMany({
      where: { tenantId: tenant.id, targetId: endpoint.id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.secret_rotated",
      "webhook_endpoint.test_sent",
      "webhook_endpoint.updated",
      "webhook_endpoint.paused",
      "webhook_endpoint.enabled",
      "webhook_endpoint.deleted",
    ]);
  });

  it("a secret the keys can no longer read is said in words, and a rotation replaces it at once", async () => {
    const tenant = await seedTenant({ name: "École Jules Verne" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/webhooks`);
    await expectTestId(page, "webhook-create-form");
    await page.getByTestId("webhook-url").fill(receiver.url(`/relais/${tenant.slug}`));
    await page.getByTestId("webhook-event-mailbox.state_changed").check();
    await page.getByTestId("webhook-create").click();
    await expectTestId(page, "webhook-secret");
    await page.getByTestId("webhook-created-open").click();
    await page.getByTestId("webhook-send-test").click();
    await deliveryRows(page).first().waitFor();

    // This process's worker lacks the key the server sealed the secret with, as after a key was removed.
    await deliver();
    await page.reload();
    const row = deliveryRows(page).first();
    await expect((await expectTestId(page, "delivery-answer")).getAttribute("data-error")).resolves.toBe(
      "secret_unreadable",
    );
    await expect(row.getByTestId("delivery-answer").innerText()).resolves.toBe(
      "Relais can no longer read the endpoint's signing secret (the encryption key that protected it is gone): rotate the secret and give the new one to the software",
    );
    await expect(row.getByTestId("delivery-status").getAttribute("data-status")).resolves.toBe("retry");
    expect(receiver.received.filter((r) => r.path === `/relais/${tenant.slug}`)).toHaveLength(0);

    // Now the server cannot read it either: the rotation's new secret replaces it, with no overlap.
    const endpoint = await e2e.db.webhookEndpoint.findFirstOrThrow({ where: { tenantId: tenant.id } });
    await sealHere(e2e.db, endpoint.id, `whsec_${randomBytes(32).toString("base64")}`);
    await page.getByTestId("webhook-rotate").click();
    await page.getByTestId("webhook-rotate-confirm").click();
    const secret = await (await expectTestId(page, "webhook-new-secret")).innerText();
    await expect(page.getByTestId("webhook-rotated").innerText()).resolves.toContain(
      "The old secret could no longer be read, so only the new one signs deliveries.",
    );
    await expect(page.getByTestId("webhook-secret-overlap").count()).resolves.toBe(0);
    const rotated = await e2e.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(rotated.previousSecretCipher).toBeNull();

    // With the new secret readable, the waiting delivery goes out signed once.
    await sealHere(e2e.db, endpoint.id, secret);
    await e2e.db.webhookDelivery.updateMany({
      where: { endpointId: endpoint.id },
      data: { nextAttemptAt: new Date(0) },
    });
    await deliver();
    const [request] = receiver.received.filter((r) => r.path === `/relais/${tenant.slug}`);
    expect(request!.headers["webhook-signature"]).toBe(signatureWith(secret, request!));
  });

  it("fits a 390 px phone in English and French: only the tables scroll sideways", async () => {
    const tenant = await seedTenant({ name: "Groupe scolaire Saint-Exupéry" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const ctx = await contextFor(admin, tenant, "webhooks.write");
    const { id } = await createWebhookEndpoint(ctx, {
      url: receiver.url("/relais/webhooks/receive/the-timetable-software-of-the-whole-district?token=abcdef"),
      description:
        "Pronote, emploi du temps et cahier de textes du groupe scolaire (serveur de la direction)",
      eventTypes: ["mail.sent", "mail.failed", "mail.held", "mailbox.state_changed", "mailbox.ending_soon"],
    });
    await createWebhookEndpoint(ctx, {
      url: receiver.url("/fail/copier-archive"),
      description: "",
      eventTypes: ["configuration.error"],
    });
    const failing = await e2e.db.webhookEndpoint.findFirstOrThrow({
      where: { tenantId: tenant.id, url: { contains: "/fail/" } },
    });
    await e2e.db.webhookEndpoint.update({
      where: { id: failing.id },
      data: {
        enabled: false,
        pausedReason: "failing",
        pausedAt: new Date(),
        failingSince: new Date(Date.now() - 5 * 86_400_000),
      },
    });
    // Deliveries of each kind: delivered, waiting to retry, failed for good.
    await sendTestWebhook(ctx, id);
    await deliver();
    await sendTestWebhook(ctx, id);
    const [retrying] = await e2e.db.webhookDelivery.findMany({
      where: { endpointId: id, status: "pending" },
      select: { id: true },
    });
    await e2e.db.webhookDelivery.update({
      where: { id: retrying!.id },
      data: {
        attempts: 3,
        nextAttemptAt: new Date(Date.now() + 1_800_000),
        lastError: "timeout",
        lastDurationMs: 10_000,
        lastAttemptAt: new Date(),
      },
    });
    await sendTestWebhook(ctx, id);
    const [gaveUp] = await e2e.db.webhookDelivery.findMany({
      where: { endpointId: id, status: "pending", attempts: 0 },
      select: { id: true },
    });
    await e2e.db.webhookDelivery.update({
      where: { id: gaveUp!.id },
      data: { status: "failed", attempts: 8, lastStatusCode: 503, lastError: "http_503", lastDurationMs: 87 },
    });
    await e2e.db.webhookEndpoint.update({
      where: { id },
      data: { previousSecretExpiresAt: new Date(Date.now() + 20 * 3_600_000), failingSince: new Date() },
    });

    for (const locale of ["en-GB", "fr-FR"]) {
      const lang = locale.slice(0, 2);
      const page = await browser.newPage({ locale });
      await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/webhooks`);
      await expectTestId(page, "webhook-list");
      await shot(page, `list-${lang}-1280`);
      await page.setViewportSize({ width: 390, height: 844 });
      await expectNoSidewaysScroll(page, `the webhooks page (${lang})`);
      await shot(page, `list-${lang}-390`);

      // With field errors, then with a secret just shown.
      await page.getByTestId("webhook-create").click();
      await expectTestId(page, "webhook-error-eventTypes");
      await expectNoSidewaysScroll(page, `the webhooks page with errors (${lang})`);
      await shot(page, `list-errors-${lang}-390`);
      await page.getByTestId("webhook-url").fill(receiver.url(`/relais/new-${lang}`));
      await page.getByTestId("webhook-event-mail.sent").check();
      await page.getByTestId("webhook-create").click();
      await expectTestId(page, "webhook-secret");
      await expectNoSidewaysScroll(page, `the webhooks page with a new secret (${lang})`);
      await shot(page, `list-created-${lang}-390`);

      await page.goto(`/t/${tenant.slug}/webhooks/${id}`);
      await expect(deliveryRows(page).count()).resolves.toBe(3);
      for (const summary of await page.locator("summary").all()) await summary.click();
      await expectNoSidewaysScroll(page, `the endpoint page (${lang})`);
      await shot(page, `endpoint-${lang}-390`);
      await page.getByTestId("webhook-delete").click();
      await expectNoSidewaysScroll(page, `the endpoint page, confirming deletion (${lang})`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await shot(page, `endpoint-${lang}-1280`);

      await page.goto(`/t/${tenant.slug}/webhooks/${failing.id}`);
      await expectTestId(page, "webhook-test-paused");
      await page.setViewportSize({ width: 390, height: 844 });
      await expectNoSidewaysScroll(page, `the paused endpoint's page (${lang})`);
      await shot(page, `endpoint-paused-${lang}-390`);
      await page.context().close();
    }
  });
});
