import { describe, expect, it } from "vitest";
import { POST as routePostBatch } from "@/app/api/v1/messages/batch/route";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { getDb } from "@/lib/db/client";
import { MAX_BATCH_MESSAGES } from "@/lib/outbox/queue-mail-batch";
import { contextFor } from "../support/factories";
import { useFastPathDoor, type SubmissionDoor } from "../support/submission-doors";
import { useTestDatabase } from "../support/test-db";
import { seedApiKeyWithMailbox } from "./api-key-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

useTestDatabase();
const fakes = useOutboxFakes();
const fastPath = useFastPathDoor();

const BASE = "http://127.0.0.1:3000/api/v1";
const setup = () => seedApiKeyWithMailbox(fakes, "Bulletins");

const request = (path: string, key: string, body: unknown) =>
  new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const message = (from: string, extra: Record<string, unknown> = {}) => ({
  from,
  to: "parent@example.org",
  subject: "Bulletin du trimestre",
  text: "Le bulletin de votre enfant est disponible.",
  ...extra,
});

type BatchBody = {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: {
    index: number;
    result: string;
    id?: string;
    status?: string;
    messageId?: string;
    error?: { code: string; message: string; fields?: Record<string, string> };
  }[];
};

// The route and the fast path that answers before it on the production server (lib/api/api-fast-path.ts)
// must give the same answers.
const doors: [string, SubmissionDoor][] = [
  ["the route", routePostBatch],
  ["the fast path", fastPath],
];

describe.each(doors)("POST /api/v1/messages/batch, through %s", (_door, postBatch) => {
  const batch = (key: string, body: unknown) => postBatch(request("/messages/batch", key, body));

  it("queues the valid messages and answers each one in order, with the refused ones' reasons", async () => {
    const { key, allowed, other } = await setup();
    const response = await batch(key.key, {
      messages: [
        message(allowed.address, { to: ["eleve1@example.org"], idempotencyKey: "bulletin-1" }),
        message(other.address),
        message(allowed.address, { to: "not an address" }),
        { from: allowed.address, subject: 42 },
        message(allowed.address, {
          to: "eleve2@example.org",
          attachments: [
            {
              filename: "bulletin.txt",
              contentType: "text/plain",
              contentBase64: Buffer.from("18/20").toString("base64"),
            },
          ],
        }),
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as BatchBody;
    expect(body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 3 });
    expect(body.results.map((r) => [r.index, r.result])).toEqual([
      [0, "accepted"],
      [1, "rejected"],
      [2, "rejected"],
      [3, "rejected"],
      [4, "accepted"],
    ]);
    expect(body.results[1]!.error).toMatchObject({ code: "mailbox_not_found" });
    expect(body.results[2]!.error).toMatchObject({
      code: "invalid_input",
      fields: { to: expect.any(String) },
    });
    expect(body.results[3]!.error).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("subject"),
    });

    const db = await getDb();
    const rows = await db.outgoingMail.findMany({
      where: { apiKeyId: key.id },
      include: { attachments: true },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => r.id).sort()).toEqual([body.results[0]!.id, body.results[4]!.id].sort());
    const first = rows.find((r) => r.id === body.results[0]!.id)!;
    expect(first).toMatchObject({
      mailboxId: allowed.id,
      status: "queued",
      source: "api",
      idempotencyKey: "bulletin-1",
      to: ["eleve1@example.org"],
      messageId: body.results[0]!.messageId,
    });
    const withAttachment = rows.find((r) => r.id === body.results[4]!.id)!;
    expect(withAttachment.attachments.map((a) => [a.filename, Buffer.from(a.content).toString()])).toEqual([
      ["bulletin.txt", "18/20"],
    ]);
    // Written beside a mail with attachments, the other one still keeps its message built; that one is built when sent.
    const kept = Buffer.from(first.raw!).toString("utf8");
    expect(kept).toContain(`Message-ID: ${first.messageId}\r\n`);
    expect(kept).toMatch(/^To: eleve1@example\.org\r$/m);
    expect(withAttachment.raw).toBeNull();
    // Nothing of the other mailbox, not on the key, was queued.
    expect(await db.outgoingMail.count({ where: { mailboxId: other.id } })).toBe(0);
  });

  it("answers a repeated idempotency key with the first mail, in the batch and across requests", async () => {
    const { key, allowed } = await setup();
    const single = await postMessage(
      request("/messages", key.key, message(allowed.address, { idempotencyKey: "absence-lundi" })),
    );
    const first = (await single.json()) as { id: string };
    const response = await batch(key.key, {
      messages: [
        message(allowed.address, { idempotencyKey: "absence-lundi" }),
        message(allowed.address, { idempotencyKey: "absence-mardi" }),
        message(allowed.address, { idempotencyKey: "absence-mardi", subject: "Autre sujet" }),
      ],
    });
    const body = (await response.json()) as BatchBody;
    expect(body).toMatchObject({ accepted: 1, duplicates: 2, rejected: 0 });
    expect(body.results[0]).toMatchObject({ result: "duplicate", id: first.id });
    expect(body.results[1]).toMatchObject({ result: "accepted" });
    expect(body.results[2]).toMatchObject({ result: "duplicate", id: body.results[1]!.id });
    // The same batch again: every message is a duplicate, no new row.
    const again = (await (
      await batch(key.key, { messages: [message(allowed.address, { idempotencyKey: "absence-mardi" })] })
    ).json()) as BatchBody;
    expect(again.results[0]).toMatchObject({ result: "duplicate", id: body.results[1]!.id });
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { apiKeyId: key.id } })).toBe(2);
  });

  it("refuses another key's idempotency key without showing its mail", async () => {
    const { key, allowed, ctx } = await (async () => {
      const s = await setup();
      return { ...s, ctx: await contextFor(s.admin, s.tenant, "apiKeys.write") };
    })();
    const otherKey = await createApiKey(ctx, { name: "Vie scolaire", mailboxIds: [allowed.id] });
    await batch(otherKey.key, { messages: [message(allowed.address, { idempotencyKey: "partage" })] });
    const body = (await (
      await batch(key.key, { messages: [message(allowed.address, { idempotencyKey: "partage" })] })
    ).json()) as BatchBody;
    expect(body.results[0]).toMatchObject({ result: "rejected", error: { code: "conflict" } });
    expect(body.results[0]!.id).toBeUndefined();
  });

  it("holds the mail of a mailbox that cannot send, and refuses a revoked one's", async () => {
    const { key, allowed } = await setup();
    const db = await getDb();
    await db.mailbox.update({ where: { id: allowed.id }, data: { state: "needs_reconnect" } });
    const held = (await (await batch(key.key, { messages: [message(allowed.address)] })).json()) as BatchBody;
    expect(held.results[0]).toMatchObject({ result: "accepted", status: "held" });
    await db.mailbox.update({ where: { id: allowed.id }, data: { state: "revoked" } });
    const revoked = (await (
      await batch(key.key, { messages: [message(allowed.address)] })
    ).json()) as BatchBody;
    expect(revoked.results[0]).toMatchObject({
      result: "rejected",
      error: { code: "invalid_input", fields: { from: expect.any(String) } },
    });
  });

  it("refuses a body that is not a batch of 1 to 500 messages with 400, and a missing key with 401", async () => {
    const { key, allowed } = await setup();
    const cases: unknown[] = [
      "{ not json",
      { message: [] },
      { messages: [] },
      { messages: Array.from({ length: MAX_BATCH_MESSAGES + 1 }, () => message(allowed.address)) },
    ];
    for (const body of cases) {
      const response = await batch(key.key, body);
      expect(response.status).toBe(400);
    }
    const unauthenticated = await postBatch(
      new Request(`${BASE}/messages/batch`, {
        method: "POST",
        body: JSON.stringify({ messages: [message(allowed.address)] }),
      }),
    );
    expect(unauthenticated.status).toBe(401);
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { apiKeyId: key.id } })).toBe(0);
  });

  it("queues a batch of 500 in one request", async () => {
    const { key, allowed } = await setup();
    const messages = Array.from({ length: MAX_BATCH_MESSAGES }, (_, i) =>
      message(allowed.address, { to: `parent${i}@example.org`, idempotencyKey: `masse-${i}` }),
    );
    const body = (await (await batch(key.key, { messages })).json()) as BatchBody;
    expect(body.accepted).toBe(MAX_BATCH_MESSAGES);
    expect(body.results.map((r) => r.index)).toEqual(messages.map((_, i) => i));
    const db = await getDb();
    const rows = await db.outgoingMail.findMany({
      where: { apiKeyId: key.id },
      select: { id: true, to: true, idempotencyKey: true },
    });
    expect(rows).toHaveLength(MAX_BATCH_MESSAGES);
    const byId = new Map(rows.map((r) => [r.id, r]));
    body.results.forEach((r, i) =>
      expect(byId.get(r.id!)).toMatchObject({ to: [`parent${i}@example.org`], idempotencyKey: `masse-${i}` }),
    );
  });
});
