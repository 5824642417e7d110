import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { GET as getMailboxes } from "@/app/api/v1/mailboxes/route";
import { DELETE as deleteMessage, GET as getMessage } from "@/app/api/v1/messages/[id]/route";
import { POST as routePostMessage } from "@/app/api/v1/messages/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { getDb } from "@/lib/db/client";
import { WEBHOOK_TEST_EVENT, webhookEventTypes } from "@/lib/webhooks/event-types";
import { drainOutbox } from "../support/drain-outbox";
import { schemaProblems } from "../support/json-schema-check";
import { useFastPathDoor, type SubmissionDoor } from "../support/submission-doors";
import { useTestDatabase } from "../support/test-db";
import { seedApiKeyWithMailbox } from "./api-key-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

useTestDatabase();

const fakes = useOutboxFakes();
const fastPath = useFastPathDoor();

const BASE = "http://127.0.0.1:3000/api/v1";
const setup = () => seedApiKeyWithMailbox(fakes);

function postThrough(door: SubmissionDoor, key: string, body: unknown, headers: Record<string, string> = {}) {
  return door(
    new Request(`${BASE}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
}
const get = (key: string, id: string) =>
  getMessage(new Request(`${BASE}/messages/${id}`, { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({ id }),
  });
const del = (key: string, id: string) =>
  deleteMessage(
    new Request(`${BASE}/messages/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${key}` } }),
    { params: Promise.resolve({ id }) },
  );

const message = (from: string, extra: Record<string, unknown> = {}) => ({
  from,
  to: "parent@example.org",
  subject: "Absence",
  text: "Votre enfant était absent ce matin.",
  ...extra,
});

// The route and the fast path that answers before it on the production server (lib/api/api-fast-path.ts)
// must give the same answers.
const doors: [string, SubmissionDoor][] = [
  ["the route", routePostMessage],
  ["the fast path", fastPath],
];

describe.each(doors)("POST /api/v1/messages, through %s", (_door, postMessage) => {
  const post = (key: string, body: unknown, headers: Record<string, string> = {}) =>
    postThrough(postMessage, key, body, headers);

  it("queues a mail from the key's mailbox; GET shows it sent with its attempts", async () => {
    const { key, allowed } = await setup();
    const response = await post(
      key.key,
      message(allowed.address, {
        attachments: [
          {
            filename: "note.txt",
            contentType: "text/plain",
            contentBase64: Buffer.from("hi").toString("base64"),
          },
        ],
      }),
    );
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; status: string; messageId: string };
    expect(body.status).toBe("queued");
    expect(await drainOutbox({ mailboxId: allowed.id })).toEqual(["sent"]);
    const shown = await get(key.key, body.id);
    expect(shown.status).toBe(200);
    const mail = (await shown.json()) as { status: string; attemptHistory: { outcome: string }[] };
    expect(mail.status).toBe("sent");
    expect(mail.attemptHistory.map((a) => a.outcome)).toEqual(["sent"]);
    const db = await getDb();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();
  });

  it("refuses a mailbox not on the key with 404, and invalid mail with 422 and the field", async () => {
    const { key, other, allowed } = await setup();
    const refused = await post(key.key, message(other.address));
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("mailbox_not_found");
    const injected = await post(key.key, message(allowed.address, { subject: "Hi\r\nBcc: x@example.org" }));
    expect(injected.status).toBe(422);
    const error = ((await injected.json()) as { error: { fields: Record<string, string> } }).error;
    expect(error.fields.subject).toMatch(/line breaks/i);
    const malformed = await post(key.key, { from: allowed.address, to: 42 });
    expect(malformed.status).toBe(400);
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { apiKeyId: key.id } })).toBe(0);
  });

  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    const { key, allowed, ctx } = await setup();
    const noKey = await postMessage(new Request(`${BASE}/messages`, { method: "POST", body: "{}" }));
    expect(noKey.status).toBe(401);
    expect((await post(`relais_abcdefgh_${"x".repeat(43)}`, message(allowed.address))).status).toBe(401);
    await revokeApiKey(ctx, key.id);
    const revoked = await post(key.key, message(allowed.address));
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
  });

  it("gives back the first mail for a repeated Idempotency-Key", async () => {
    const { key, allowed } = await setup();
    const first = await post(key.key, message(allowed.address), {
      "idempotency-key": "absence-2026-11-28-42",
    });
    const again = await post(key.key, message(allowed.address), {
      "idempotency-key": "absence-2026-11-28-42",
    });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { apiKeyId: key.id } })).toBe(1);
  });

  it("refuses a body over the size cap with 413", async () => {
    const { key, allowed } = await setup();
    vi.stubEnv("RELAIS_MAX_MESSAGE_BYTES", "1000");
    try {
      const response = await post(key.key, message(allowed.address, { text: "x".repeat(300 * 1024) }));
      expect(response.status).toBe(413);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("DELETE /api/v1/messages/{id} and GET /api/v1/mailboxes", () => {
  it("cancels a queued mail, then answers 409; lists the key's mailboxes only", async () => {
    const { key, allowed } = await setup();
    const { id } = (await (
      await postThrough(
        routePostMessage,
        key.key,
        message(allowed.address, { sendAt: new Date(Date.now() + 86_400_000).toISOString() }),
      )
    ).json()) as {
      id: string;
    };
    const cancelled = await del(key.key, id);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ id, status: "cancelled" });
    expect((await del(key.key, id)).status).toBe(409);
    expect((await del(key.key, "not-a-uuid")).status).toBe(404);
    const listed = await getMailboxes(
      new Request(`${BASE}/mailboxes`, { headers: { authorization: `Bearer ${key.key}` } }),
    );
    const { mailboxes } = (await listed.json()) as { mailboxes: { address: string; state: string }[] };
    // Google's six months without use: the forecast the portal shows too.
    const { grantEndsAt } = await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: allowed.id } });
    expect(mailboxes).toEqual([
      expect.objectContaining({
        address: allowed.address,
        state: "connected",
        health: {
          code: "healthy",
          tone: "good",
          summary: expect.stringMatching(/^Healthy · renews itself · ends if unused on \d+ \w{3} \d{4}$/),
          since: null,
          endsAt: grantEndsAt!.toISOString(),
          waitingMail: 0,
          errorCode: null,
        },
      }),
    ]);
  });

  it("gives each mailbox its health line: a stable code, the portal's words in English, the raw code", async () => {
    const { key, allowed } = await setup();
    const db = await getDb();
    await postThrough(routePostMessage, key.key, message(allowed.address));
    await db.mailbox.update({
      where: { id: allowed.id },
      data: {
        state: "needs_reconnect",
        refreshTokenCipher: null,
        lastErrorCode: "invalid_grant",
        lastErrorAt: new Date("2027-01-03T10:00:00Z"),
      },
    });
    const listed = await getMailboxes(
      new Request(`${BASE}/mailboxes`, { headers: { authorization: `Bearer ${key.key}` } }),
    );
    const { mailboxes } = (await listed.json()) as { mailboxes: unknown[] };
    expect(mailboxes[0]).toMatchObject({
      state: "needs_reconnect",
      health: {
        code: "needs_reconnect",
        tone: "problem",
        summary: "Must be reconnected since 3 Jan 2027: 1 mail waiting",
        since: "2027-01-03T10:00:00.000Z",
        endsAt: null,
        waitingMail: 1,
        errorCode: "invalid_grant",
      },
    });
    const document = (await (
      await getOpenApi(new Request("http://relais.test/api/v1/openapi.json"))
    ).json()) as Record<string, unknown>;
    expect(schemaProblems(document, { $ref: "#/components/schemas/Mailbox" }, mailboxes[0])).toEqual([]);
  });

  it("does not show another key's mail, even in the same tenant", async () => {
    const { key, allowed, ctx } = await setup();
    const second = await createApiKey(ctx, { name: "Other program", mailboxIds: [allowed.id] });
    const { id } = (await (
      await postThrough(routePostMessage, key.key, message(allowed.address))
    ).json()) as { id: string };
    expect((await get(second.key, id)).status).toBe(404);
    expect((await del(second.key, id)).status).toBe(404);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes every route of the API as OpenAPI 3.1", async () => {
    const document = (await (
      await getOpenApi(new Request("http://relais.test/api/v1/openapi.json"))
    ).json()) as { openapi: string; paths: Record<string, object> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([
      "/mailboxes",
      "/messages",
      "/messages/batch",
      "/messages/{id}",
      "/webhooks",
      "/webhooks/{id}",
      "/webhooks/{id}/deliveries/{deliveryId}/redeliver",
      "/webhooks/{id}/rotate-secret",
      "/webhooks/{id}/test",
    ]);
    // Every route file under app/api/v1 is described, with each of its methods.
    const routes = path.resolve(import.meta.dirname, "../../app/api/v1");
    const described: string[] = [];
    for (const file of await readdir(routes, { recursive: true })) {
      if (!file.endsWith("route.ts") || file.startsWith("openapi.json")) continue;
      const route = `/${path.dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}");
      for (const method of (await readFile(path.join(routes, file), "utf8")).matchAll(
        /export async function (GET|POST|PATCH|PUT|DELETE)\b/g,
      )) {
        described.push(`${method[1]!.toLowerCase()} ${route}`);
      }
    }
    const documented = Object.entries(document.paths).flatMap(([route, item]) =>
      Object.keys(item).map((method) => `${method} ${route}`),
    );
    expect(documented.sort()).toEqual(described.sort());
  });

  it("describes each webhook event, its signature headers and the delivery rules", async () => {
    const document = (await (
      await getOpenApi(new Request("http://relais.test/api/v1/openapi.json"))
    ).json()) as Record<string, unknown> & {
      webhooks: Record<
        string,
        { post: { description: string; parameters: { name: string; in: string; required: boolean }[] } }
      >;
    };
    expect(Object.keys(document.webhooks).sort()).toEqual([...webhookEventTypes, WEBHOOK_TEST_EVENT].sort());
    for (const [type, { post }] of Object.entries(document.webhooks)) {
      expect({ type, headers: post.parameters.map((p) => `${p.in}:${p.name}:${p.required}`) }).toEqual({
        type,
        headers: ["header:webhook-id:true", "header:webhook-timestamp:true", "header:webhook-signature:true"],
      });
      expect(post.description).toContain("2xx status within 10 s");
      expect(post.description).toContain("De-duplicate by `webhook-id`");
      expect(post.description).toContain("retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h");
      expect(post.description).toContain("HMAC-SHA256");
    }
    // Every $ref points at a schema that exists.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map(
      (m) => m[1]!,
    );
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    expect(refs.filter((name) => !(name in schemas))).toEqual([]);
  });
});
