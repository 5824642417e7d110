import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { GET as getMailboxes } from "@/app/api/v1/mailboxes/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { POST as postRedeliver } from "@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route";
import { POST as postRotate } from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import {
  DELETE as deleteEndpoint,
  GET as getEndpoint,
  PATCH as patchEndpoint,
} from "@/app/api/v1/webhooks/[id]/route";
import { POST as postTest } from "@/app/api/v1/webhooks/[id]/test/route";
import { GET as listEndpoints, POST as postEndpoint } from "@/app/api/v1/webhooks/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { getDb } from "@/lib/db/client";
import { webhookEventTypes, WEBHOOK_TEST_EVENT } from "@/lib/webhooks/event-types";
import { queueEndingSoonEvents } from "@/lib/webhooks/queue-ending-soon-events";
import { SECRET_OVERLAP_MS } from "@/lib/webhooks/rotate-webhook-secret";
import { openWebhookSecret } from "@/lib/webhooks/webhook-secret";
import { headersFrom } from "../support/client-address";
import { schemaProblems } from "../support/json-schema-check";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

// Secrets are sealed at rest; tenant-typed URLs follow the production rules unless a test says otherwise.
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
delete process.env.RELAIS_ALLOW_LOCAL_PROVIDERS;

useTestDatabase();

afterEach(() => {
  delete process.env.RELAIS_ALLOW_LOCAL_PROVIDERS;
});

const BASE = "http://127.0.0.1:3000/api/v1";
const HOOK = "https://hooks.example.org/relais";
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type Endpoint = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  pausedReason: string | null;
  pausedAt?: string | null;
  previousSecretValidUntil?: string | null;
  secret?: string;
};
type Delivery = {
  id: string;
  eventId: string;
  type: string;
  status: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
};
type Details = Endpoint & { deliveries: Delivery[] };

function request(method: string, path: string, key: string | null, body?: unknown): Request {
  const headers = headersFrom("198.51.100.23");
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(`${BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
const params = <P>(value: P) => ({ params: Promise.resolve(value) });

const api = {
  list: (key: string | null) => listEndpoints(request("GET", "/webhooks", key)),
  create: (key: string | null, body: unknown) => postEndpoint(request("POST", "/webhooks", key, body)),
  get: (key: string | null, id: string) =>
    getEndpoint(request("GET", `/webhooks/${id}`, key), params({ id })),
  patch: (key: string | null, id: string, body: unknown) =>
    patchEndpoint(request("PATCH", `/webhooks/${id}`, key, body), params({ id })),
  delete: (key: string | null, id: string) =>
    deleteEndpoint(request("DELETE", `/webhooks/${id}`, key), params({ id })),
  rotate: (key: string | null, id: string) =>
    postRotate(request("POST", `/webhooks/${id}/rotate-secret`, key), params({ id })),
  test: (key: string | null, id: string) =>
    postTest(request("POST", `/webhooks/${id}/test`, key), params({ id })),
  redeliver: (key: string | null, id: string, deliveryId: string) =>
    postRedeliver(
      request("POST", `/webhooks/${id}/deliveries/${deliveryId}/redeliver`, key),
      params({ id, deliveryId }),
    ),
};

const json = async <T>(response: Response) => (await response.json()) as T;

/** A school with a connected mailbox, a key that manages webhooks only, and a key that only sends. */
async function school() {
  const people = await seedTenantWithPeople();
  const db = await getDb();
  const config = await db.clientConfiguration.create({
    data: {
      tenantId: people.tenant.id,
      name: "Google",
      provider: "google",
      smtpHost: "smtp.gmail.com",
      smtpPort: 465,
      smtpSecurity: "tls",
      scopes: ["https://mail.google.com/"],
    },
  });
  const mailbox = await db.mailbox.create({
    data: {
      tenantId: people.tenant.id,
      address: `office-${people.tenant.slug}@lycee.test`,
      clientConfigurationId: config.id,
      state: "connected",
    },
  });
  const ctx = await contextFor(people.admin, people.tenant, "apiKeys.write");
  const manager = await createApiKey(ctx, {
    name: "Timetable webhooks",
    mailboxIds: [],
    manageWebhooks: true,
  });
  const sender = await createApiKey(ctx, { name: "Timetable mail", mailboxIds: [mailbox.id] });
  return { ...people, ctx, config, mailbox, manager, sender };
}

async function created(key: string, body: Record<string, unknown> = {}): Promise<Endpoint> {
  const response = await api.create(key, { url: HOOK, eventTypes: ["mail.sent"], ...body });
  expect(response.status).toBe(201);
  return json<Endpoint>(response);
}

async function openApi() {
  return json<Record<string, unknown>>(
    await getOpenApi(new Request("http://relais.test/api/v1/openapi.json")),
  );
}

describe("webhook endpoints through the API", () => {
  it("creates, lists, shows, changes, pauses, enables and deletes an endpoint", async () => {
    const { manager, tenant } = await school();
    const response = await api.create(manager.key, {
      url: HOOK,
      description: "Timetable",
      eventTypes: ["mail.sent", "mail.failed", "mail.sent"],
    });
    expect(response.status).toBe(201);
    const endpoint = await json<Endpoint>(response);
    expect(response.headers.get("location")).toBe(`/api/v1/webhooks/${endpoint.id}`);
    expect(endpoint).toMatchObject({
      url: HOOK,
      description: "Timetable",
      eventTypes: ["mail.sent", "mail.failed"],
      enabled: true,
      pausedReason: null,
    });
    expect(endpoint.secret).toMatch(SECRET);
    const document = await openApi();
    expect(
      schemaProblems(document, { $ref: "#/components/schemas/CreatedWebhookEndpoint" }, endpoint),
    ).toEqual([]);

    const listed = await api.list(manager.key);
    expect(listed.status).toBe(200);
    const list = await json<{ endpoints: Endpoint[] }>(listed);
    expect(list.endpoints.map((e) => e.id)).toEqual([endpoint.id]);
    expect(list.endpoints[0]).not.toHaveProperty("secret");
    expect(
      schemaProblems(document, { $ref: "#/components/schemas/WebhookEndpointSummary" }, list.endpoints[0]),
    ).toEqual([]);

    const shown = await json<Details>(await api.get(manager.key, endpoint.id));
    expect(shown).toMatchObject({
      id: endpoint.id,
      deliveries: [],
      previousSecretValidUntil: null,
      pausedAt: null,
    });
    expect(shown).not.toHaveProperty("secret");
    expect(schemaProblems(document, { $ref: "#/components/schemas/WebhookEndpointDetails" }, shown)).toEqual(
      [],
    );

    const described = await api.patch(manager.key, endpoint.id, { description: "Emploi du temps" });
    expect(described.status).toBe(200);
    expect(await json<Details>(described)).toMatchObject({
      url: HOOK,
      description: "Emploi du temps",
      eventTypes: ["mail.sent", "mail.failed"],
    });
    const moved = await json<Details>(
      await api.patch(manager.key, endpoint.id, {
        url: "https://hooks.example.org/v2",
        eventTypes: ["mailbox.state_changed"],
      }),
    );
    expect(moved).toMatchObject({
      url: "https://hooks.example.org/v2",
      description: "Emploi du temps",
      eventTypes: ["mailbox.state_changed"],
    });
    const paused = await json<Details>(await api.patch(manager.key, endpoint.id, { enabled: false }));
    expect(paused).toMatchObject({ enabled: false, pausedReason: "manual", pausedAt: expect.any(String) });
    const enabled = await json<Details>(await api.patch(manager.key, endpoint.id, { enabled: true }));
    expect(enabled).toMatchObject({ enabled: true, pausedReason: null, pausedAt: null });

    const deleted = await api.delete(manager.key, endpoint.id);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await api.get(manager.key, endpoint.id)).status).toBe(404);
    expect((await api.delete(manager.key, endpoint.id)).status).toBe(404);
    expect(await json<{ endpoints: Endpoint[] }>(await api.list(manager.key))).toEqual({ endpoints: [] });

    // Each change is in the school's audit log, by the key and from the caller's address.
    const db = await getDb();
    const audit = await db.auditEntry.findMany({
      where: { tenantId: tenant.id, targetType: "webhook_endpoint" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.updated",
      "webhook_endpoint.updated",
      "webhook_endpoint.paused",
      "webhook_endpoint.enabled",
      "webhook_endpoint.deleted",
    ]);
    expect(audit.every((a) => a.actorLabel === `api key ${manager.prefix}…` && a.actorId === null)).toBe(
      true,
    );
    expect(audit[0]!.ip).toBe("198.51.100.23");
  });

  it("shows the secret at creation and rotation only, and stores it encrypted", async () => {
    const { manager } = await school();
    const endpoint = await created(manager.key);
    const first = endpoint.secret!;
    const db = await getDb();
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secretCipher).not.toContain(first);
    expect(row.secretCipher).not.toContain(first.slice("whsec_".length));
    expect(openWebhookSecret(endpoint.id, "secret", row.secretCipher)).toBe(first);

    const before = Date.now();
    const rotation = await api.rotate(manager.key, endpoint.id);
    expect(rotation.status).toBe(200);
    const rotated = await json<{ id: string; secret: string; previousSecretValidUntil: string }>(rotation);
    expect(rotated.id).toBe(endpoint.id);
    expect(rotated.secret).toMatch(SECRET);
    expect(rotated.secret).not.toBe(first);
    const validUntil = new Date(rotated.previousSecretValidUntil).getTime();
    expect(validUntil).toBeGreaterThanOrEqual(before + SECRET_OVERLAP_MS);
    expect(validUntil).toBeLessThanOrEqual(Date.now() + SECRET_OVERLAP_MS);
    expect(
      schemaProblems(await openApi(), { $ref: "#/components/schemas/RotatedWebhookSecret" }, rotated),
    ).toEqual([]);

    const after = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(openWebhookSecret(endpoint.id, "secret", after.secretCipher)).toBe(rotated.secret);
    expect(openWebhookSecret(endpoint.id, "previousSecret", after.previousSecretCipher!)).toBe(first);
    for (const cipher of [after.secretCipher, after.previousSecretCipher!]) {
      for (const secret of [first, rotated.secret]) {
        expect(cipher).not.toContain(secret.slice("whsec_".length));
      }
    }

    // No other answer carries a secret or its ciphertext.
    const answers = [
      await (await api.get(manager.key, endpoint.id)).text(),
      await (await api.list(manager.key)).text(),
      await (await api.patch(manager.key, endpoint.id, { description: "x" })).text(),
    ];
    for (const text of answers) {
      expect(text).not.toMatch(/whsec_|secretCipher/);
      expect(text).not.toContain(after.secretCipher);
      expect(text).not.toContain(after.previousSecretCipher!);
    }
    const shown = await json<Details>(await api.get(manager.key, endpoint.id));
    expect(shown.previousSecretValidUntil).toBe(rotated.previousSecretValidUntil);
  });

  it("queues a test event, and redelivers a delivery as the same event", async () => {
    const { manager } = await school();
    const endpoint = await created(manager.key);
    const tested = await api.test(manager.key, endpoint.id);
    expect(tested.status).toBe(202);
    expect(await json(tested)).toEqual({ endpointId: endpoint.id, type: WEBHOOK_TEST_EVENT });
    const [delivery] = (await json<Details>(await api.get(manager.key, endpoint.id))).deliveries;
    expect(delivery).toMatchObject({
      type: WEBHOOK_TEST_EVENT,
      status: "pending",
      payload: {
        type: WEBHOOK_TEST_EVENT,
        timestamp: expect.any(String),
        data: { endpointId: endpoint.id, message: expect.any(String) },
      },
    });

    const again = await api.redeliver(manager.key, endpoint.id, delivery!.id);
    expect(again.status).toBe(202);
    const { deliveryId } = await json<{ endpointId: string; deliveryId: string }>(again);
    expect(deliveryId).not.toBe(delivery!.id);
    const deliveries = (await json<Details>(await api.get(manager.key, endpoint.id))).deliveries;
    expect(deliveries.map((d) => d.id).sort()).toEqual([delivery!.id, deliveryId].sort());
    expect(new Set(deliveries.map((d) => d.eventId))).toEqual(new Set([delivery!.eventId]));

    expect((await api.redeliver(manager.key, endpoint.id, randomUUID())).status).toBe(404);
    expect((await api.redeliver(manager.key, endpoint.id, "not-a-uuid")).status).toBe(404);
    expect((await api.test(manager.key, "not-a-uuid")).status).toBe(404);

    await api.patch(manager.key, endpoint.id, { enabled: false });
    const refused = await api.test(manager.key, endpoint.id);
    expect(refused.status).toBe(409);
    expect((await json<ApiErrorBody>(refused)).error.message).toMatch(/paused/);
  });

  it("refuses invalid bodies with 400 and each field's error in words", async () => {
    const { manager, tenant } = await school();
    const fieldsOf = async (response: Response) => {
      expect(response.status).toBe(400);
      const { error } = await json<ApiErrorBody>(response);
      expect(error.code).toBe("invalid_request");
      return error.fields ?? {};
    };
    // Private and loopback addresses are refused when validated: nothing is connected to.
    for (const url of [
      "https://127.0.0.1/hook",
      "https://10.0.0.7/hook",
      "https://[::1]/hook",
      "https://localhost/x",
    ]) {
      const fields = await fieldsOf(await api.create(manager.key, { url, eventTypes: ["mail.sent"] }));
      expect(fields.url).toMatch(/private or reserved network/);
    }
    expect(
      (
        await fieldsOf(
          await api.create(manager.key, { url: "http://hooks.example.org/", eventTypes: ["mail.sent"] }),
        )
      ).url,
    ).toMatch(/https:\/\//);
    expect(
      (
        await fieldsOf(
          await api.create(manager.key, {
            url: "https://user:pw@hooks.example.org/",
            eventTypes: ["mail.sent"],
          }),
        )
      ).url,
    ).toMatch(/user name or password/);
    const unknownEvent = await fieldsOf(
      await api.create(manager.key, { url: HOOK, eventTypes: ["mail.sent", "mail.exploded"] }),
    );
    expect(unknownEvent["eventTypes.1"]).toMatch(/does not exist.*mail\.sent/);
    expect((await fieldsOf(await api.create(manager.key, { url: HOOK, eventTypes: [] }))).eventTypes).toBe(
      "Choose at least one event.",
    );
    const several = await api.create(manager.key, { description: "x".repeat(201), secret: "whsec_mine" });
    const severalFields = await fieldsOf(several.clone());
    expect(Object.keys(severalFields).sort()).toEqual(["description", "eventTypes", "secret", "url"]);
    expect(severalFields.secret).toBe("Unknown field.");
    expect((await json<ApiErrorBody>(several)).error.message).toMatch(/^url: .+ description: /);
    expect((await fieldsOf(await api.create(manager.key, [HOOK]))).body).toMatch(/JSON object/);
    const malformed = await api.create(manager.key, "{not json");
    expect(malformed.status).toBe(400);
    expect((await json<ApiErrorBody>(malformed)).error.code).toBe("invalid_json");

    const endpoint = await created(manager.key);
    expect((await fieldsOf(await api.patch(manager.key, endpoint.id, {}))).body).toMatch(/at least one/);
    expect(
      (await fieldsOf(await api.patch(manager.key, endpoint.id, { url: "https://192.168.1.10/" }))).url,
    ).toMatch(/private/);
    expect(
      (await fieldsOf(await api.patch(manager.key, endpoint.id, { enabled: "yes" }))).enabled,
    ).toBeDefined();
    expect(
      (await fieldsOf(await api.patch(manager.key, endpoint.id, { eventTypes: "nope" })))["eventTypes.0"],
    ).toMatch(/does not exist/);

    const db = await getDb();
    expect(
      await db.webhookEndpoint.findMany({
        where: { tenantId: tenant.id },
        select: { url: true, enabled: true },
      }),
    ).toEqual([{ url: HOOK, enabled: true }]);

    // The switch for tests and the demo lets loopback addresses through, over http too.
    process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
    await created(manager.key, { url: "http://127.0.0.1:9/hook" });
  });

  it("answers 403 to a key that may not manage webhooks, 401 without a valid key", async () => {
    const { manager, sender, ctx, tenant } = await school();
    const endpoint = await created(manager.key);
    for (const response of [
      await api.list(sender.key),
      await api.create(sender.key, { url: HOOK, eventTypes: ["mail.sent"] }),
      await api.get(sender.key, endpoint.id),
      await api.patch(sender.key, endpoint.id, { enabled: false }),
      await api.delete(sender.key, endpoint.id),
      await api.rotate(sender.key, endpoint.id),
      await api.test(sender.key, endpoint.id),
    ]) {
      expect(response.status).toBe(403);
      expect((await json<ApiErrorBody>(response)).error).toEqual({
        code: "forbidden",
        message: expect.stringMatching(/may not manage webhook endpoints/),
      });
    }
    expect((await api.list(null)).status).toBe(401);
    expect((await api.list(`relais_abcdefgh_${"x".repeat(43)}`)).status).toBe(401);
    await revokeApiKey(ctx, manager.id);
    for (const response of [
      await api.list(manager.key),
      await api.create(manager.key, { url: HOOK, eventTypes: ["mail.sent"] }),
      await api.get(manager.key, endpoint.id),
      await api.delete(manager.key, endpoint.id),
    ]) {
      expect(response.status).toBe(401);
      expect((await json<ApiErrorBody>(response)).error.code).toBe("unauthenticated");
    }
    const db = await getDb();
    const row = await db.webhookEndpoint.findMany({ where: { tenantId: tenant.id } });
    expect(row).toEqual([expect.objectContaining({ id: endpoint.id, enabled: true })]);
  });

  it("a key that only manages webhooks sends from no mailbox", async () => {
    const { manager } = await school();
    const listed = await getMailboxes(request("GET", "/mailboxes", manager.key));
    expect(await json(listed)).toEqual({ mailboxes: [] });
  });
});

describe("webhook endpoint isolation", () => {
  it("another school's endpoint answers 404 on every route and never appears in lists", async () => {
    const a = await school();
    const b = await school();
    const mine = await created(a.manager.key);
    const theirs = await created(b.manager.key);
    await api.test(b.manager.key, theirs.id);
    const [theirDelivery] = (await json<Details>(await api.get(b.manager.key, theirs.id))).deliveries;
    await api.test(a.manager.key, mine.id);
    const db = await getDb();
    const snapshot = async () => ({
      endpoints: await db.webhookEndpoint.findMany({ where: { tenantId: b.tenant.id } }),
      deliveries: await db.webhookDelivery.findMany({
        where: { tenantId: b.tenant.id },
        orderBy: { id: "asc" },
      }),
      audit: await db.auditEntry.count({ where: { tenantId: b.tenant.id } }),
    });
    const before = await snapshot();

    const list = await json<{ endpoints: Endpoint[] }>(await api.list(a.manager.key));
    expect(list.endpoints.map((e) => e.id)).toEqual([mine.id]);
    for (const response of [
      await api.get(a.manager.key, theirs.id),
      await api.patch(a.manager.key, theirs.id, { enabled: false }),
      await api.patch(a.manager.key, theirs.id, { url: "https://attacker.example.org/" }),
      await api.rotate(a.manager.key, theirs.id),
      await api.test(a.manager.key, theirs.id),
      await api.redeliver(a.manager.key, theirs.id, theirDelivery!.id),
      await api.redeliver(a.manager.key, mine.id, theirDelivery!.id),
      await api.delete(a.manager.key, theirs.id),
    ]) {
      expect(response.status).toBe(404);
      expect((await json<ApiErrorBody>(response)).error.code).toBe("not_found");
    }
    expect(await snapshot()).toEqual(before);
    expect(
      (await json<{ endpoints: Endpoint[] }>(await api.list(b.manager.key))).endpoints.map((e) => e.id),
    ).toEqual([theirs.id]);
  });
});

describe("the OpenAPI document's webhooks", () => {
  it("describes each event's body exactly as it is delivered", async () => {
    const { manager, tenant, mailbox, config } = await school();
    const endpoint = await created(manager.key, { eventTypes: [...webhookEventTypes] });
    const db = await getDb();
    // Mail: held when queued, released, sent; another one failed.
    const mail = await db.outgoingMail.create({
      data: {
        tenantId: tenant.id,
        mailboxId: mailbox.id,
        messageId: `<${randomUUID()}@relais.test>`,
        source: "api",
        to: ["parent@example.org"],
        subject: "Absence",
        text: "Absent ce matin.",
        sizeBytes: 100,
        recipientCount: 1,
        status: "held",
        lastError: "mailbox_needs_reconnect",
      },
    });
    await db.outgoingMail.update({ where: { id: mail.id }, data: { status: "queued", lastError: null } });
    await db.outgoingMail.update({ where: { id: mail.id }, data: { status: "sending", attempts: 1 } });
    await db.outgoingMail.update({
      where: { id: mail.id },
      data: {
        status: "sent",
        sentAt: new Date(),
        smtpResponse: "250 2.0.0 OK",
        refusedRecipients: [{ address: "ancien@example.org", response: "550 5.1.1 User unknown" }],
      },
    });
    const other = await db.outgoingMail.create({
      data: {
        tenantId: tenant.id,
        mailboxId: mailbox.id,
        messageId: `<${randomUUID()}@relais.test>`,
        source: "portal",
        idempotencyKey: "absence-42",
        to: ["parent@example.org"],
        subject: "Absence",
        sizeBytes: 100,
        recipientCount: 1,
      },
    });
    await db.outgoingMail.update({
      where: { id: other.id },
      data: { status: "failed", attempts: 3, lastError: "quota: 452 4.2.2 Mailbox full" },
    });
    // A mailbox that must be reconnected, is connected again, then paused by a quota.
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { state: "needs_reconnect", lastErrorCode: "invalid_grant" },
    });
    await db.mailbox.update({ where: { id: mailbox.id }, data: { state: "connected", lastErrorCode: null } });
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { pausedUntil: new Date(Date.now() + 3600_000), pauseReason: "quota" },
    });
    // Its connection ends in three days; the school's configuration is refused.
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { refreshTokenCipher: "sealed", refreshTokenExpiresAt: new Date(Date.now() + 3 * 86_400_000) },
    });
    await queueEndingSoonEvents();
    await db.clientConfiguration.update({
      where: { id: config.id },
      data: { brokenAt: new Date(), brokenReason: "invalid_client" },
    });
    await api.test(manager.key, endpoint.id);

    const document = await openApi();
    const details = await json<Details>(await api.get(manager.key, endpoint.id));
    expect(
      schemaProblems(document, { $ref: "#/components/schemas/WebhookEndpointDetails" }, details),
    ).toEqual([]);
    const webhooks = document.webhooks as Record<
      string,
      { post: { requestBody: { content: { "application/json": { schema: Record<string, unknown> } } } } }
    >;
    const types = new Set<string>();
    for (const delivery of details.deliveries) {
      types.add(delivery.type);
      expect(delivery.payload.type).toBe(delivery.type);
      const schema = webhooks[delivery.type]!.post.requestBody.content["application/json"].schema;
      expect({ type: delivery.type, problems: schemaProblems(document, schema, delivery.payload) }).toEqual({
        type: delivery.type,
        problems: [],
      });
    }
    expect([...types].sort()).toEqual([...webhookEventTypes, WEBHOOK_TEST_EVENT].sort());
    const failed = details.deliveries.find((d) => d.type === "mail.failed")!;
    expect(failed.payload.data.reason).toEqual({
      code: "quota",
      message: expect.any(String),
      response: "452 4.2.2 Mailbox full",
    });
    const paused = details.deliveries.find(
      (d) => d.type === "mailbox.state_changed" && d.payload.data.state === "paused",
    );
    expect(paused?.payload.data).toMatchObject({
      previousState: "connected",
      pausedUntil: expect.any(String),
    });
    // The schemas are closed: a field more or less, or a reason where there is none, does not match.
    const sent = details.deliveries.find((d) => d.type === "mail.sent")!.payload;
    expect(sent.data.refusedRecipients).toEqual([
      { address: "ancien@example.org", response: "550 5.1.1 User unknown" },
    ]);
    const sentSchema = webhooks["mail.sent"]!.post.requestBody.content["application/json"].schema;
    expect(schemaProblems(document, sentSchema, { ...sent, data: { ...sent.data, extra: 1 } })).not.toEqual(
      [],
    );
    expect(
      schemaProblems(document, sentSchema, { ...sent, data: { ...sent.data, reason: { code: "quota" } } }),
    ).not.toEqual([]);
    const withoutSentAt = Object.fromEntries(Object.entries(sent.data).filter(([key]) => key !== "sentAt"));
    expect(schemaProblems(document, sentSchema, { ...sent, data: withoutSentAt })).not.toEqual([]);
  });
});
