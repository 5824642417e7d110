import http from "node:http";
import { describe, expect, it, vi } from "vitest";
import { GET as unknownAddress } from "@/app/api/v1/[...rest]/route";
import { POST as postBatch } from "@/app/api/v1/messages/batch/route";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { getDb } from "@/lib/db/client";
import everyResponseHeaders from "@/lib/http/every-response-headers.json";
import { useFastPathDoor } from "../support/submission-doors";
import { useTestDatabase } from "../support/test-db";
import { seedApiKeyWithMailbox } from "./api-key-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

useTestDatabase();
const fakes = useOutboxFakes();
const fastPath = useFastPathDoor();

// A key's mailbox, once read, serves the key's next submissions for a few seconds without being
// read again (lib/outbox/sender-mailboxes.ts). Each change below lands inside that window, as another
// process (an admin's page, the worker) would make it: the insert's own checks must see it.

function post(key: string, from: string) {
  return postMessage(
    new Request("http://127.0.0.1:3000/api/v1/messages", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ from, to: "parent@example.org", subject: "Absence", text: "Bonjour" }),
    }),
  );
}

async function queuedOnce() {
  const seeded = await seedApiKeyWithMailbox(fakes);
  const first = await post(seeded.key.key, seeded.allowed.address);
  expect(first.status).toBe(202);
  return seeded;
}

const mailsOf = async (mailboxId: string) =>
  (await getDb()).outgoingMail.findMany({
    where: { mailboxId },
    select: { status: true, lastError: true, fromName: true },
    orderBy: { createdAt: "asc" },
  });

describe("an API answer, outside the page proxy", () => {
  it("carries the request's id (the caller's when it is a plain token, else a new one) and the API's headers", async () => {
    const { key, allowed } = await seedApiKeyWithMailbox(fakes);
    const send = (requestId: string) =>
      postMessage(
        new Request("http://127.0.0.1:3000/api/v1/messages", {
          method: "POST",
          headers: {
            authorization: `Bearer ${key.key}`,
            "content-type": "application/json",
            "x-request-id": requestId,
          },
          body: JSON.stringify({ from: allowed.address, to: "parent@example.org", subject: "A", text: "B" }),
        }),
      );
    const kept = await send("lb-7f3a.42");
    expect(kept.status).toBe(202);
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a.42");
    expect(kept.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const replaced = await send("<script>");
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f]{16}$/);
    // An error's answer too.
    const refused = await postMessage(
      new Request("http://127.0.0.1:3000/api/v1/messages", { method: "POST", body: "{}" }),
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("a submission answered by the fast path, before Next.js", () => {
  it("carries the route's headers and those next.config.mjs gives every answer, and its request id", async () => {
    const { key, allowed } = await seedApiKeyWithMailbox(fakes);
    const send = (path: string, body: unknown, headers: Record<string, string>) =>
      fastPath(
        new Request(`http://127.0.0.1:3000${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        }),
      );
    const message = { from: allowed.address, to: "parent@example.org", subject: "A", text: "B" };
    const answers = [
      await send("/api/v1/messages?source=sis", message, {
        authorization: `Bearer ${key.key}`,
        "x-request-id": "lb-7f3a.43",
      }),
      await send("/api/v1/messages/batch", { messages: [message] }, { authorization: `Bearer ${key.key}` }),
      await send("/api/v1/messages", message, {}),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([202, 200, 401]);
    expect(answers[0]!.headers.get("x-request-id")).toBe("lb-7f3a.43");
    for (const answer of answers) {
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      for (const [name, value] of Object.entries(everyResponseHeaders))
        expect(answer.headers.get(name)).toBe(value);
    }
    expect(answers[1]!.headers.get("x-request-id")).toMatch(/^[0-9a-f]{16}$/);
    expect(((await answers[2]!.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { apiKeyId: key.id } })).toBe(2);
  });

  it("answers an empty body with 400, and a body over the cap with 413 without storing anything", async () => {
    const { key, allowed } = await seedApiKeyWithMailbox(fakes);
    const headers = { authorization: `Bearer ${key.key}`, "content-type": "application/json" };
    const empty = await fastPath(
      new Request("http://127.0.0.1:3000/api/v1/messages", { method: "POST", headers }),
    );
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    vi.stubEnv("RELAIS_MAX_MESSAGE_BYTES", "1000");
    try {
      const large = await fastPath(
        new Request("http://127.0.0.1:3000/api/v1/messages", {
          method: "POST",
          headers,
          body: JSON.stringify({
            from: allowed.address,
            to: "parent@example.org",
            subject: "A",
            text: "x".repeat(600_000),
          }),
        }),
      );
      expect(large.status).toBe(413);
      expect(((await large.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
      // Refused on its declared length: not read, and the connection closed after the answer.
      expect(large.headers.get("connection")).toBe("close");
      // Without a Content-Length (chunked): refused once the body read so far passes the cap.
      const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const sent = http.request(
          `${fastPath.origin()}/api/v1/messages`,
          { method: "POST", headers },
          (answer) => {
            let body = "";
            answer.setEncoding("utf8");
            answer.on("data", (chunk: string) => (body += chunk));
            answer.on("end", () => resolve({ status: answer.statusCode ?? 0, body }));
          },
        );
        sent.on("error", reject);
        for (let i = 0; i < 8; i++) sent.write("x".repeat(100_000));
        sent.end();
      });
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: "body_too_large" } });
    } finally {
      vi.unstubAllEnvs();
    }
    const db = await getDb();
    expect(await db.outgoingMail.count({ where: { apiKeyId: key.id } })).toBe(0);
  });
});

describe("an address the API does not have", () => {
  it("is a JSON 404 with the request's id and the API's headers, not the portal's page", async () => {
    const answer = await unknownAddress(new Request("http://127.0.0.1:3000/api/v1/mesages"));
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f]{16}$/);
    expect(answer.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe("text cut in the middle of an emoji (half a surrogate pair)", () => {
  it("is stored with a replacement character, alone and in a batch, as the database always took it", async () => {
    const { key, allowed } = await seedApiKeyWithMailbox(fakes);
    const cut = "Note \ud83d";
    const body = (subject: string) => ({
      from: allowed.address,
      to: "parent@example.org",
      subject,
      text: "B",
    });
    const single = await postMessage(
      new Request("http://127.0.0.1:3000/api/v1/messages", {
        method: "POST",
        headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
        body: JSON.stringify(body(cut)),
      }),
    );
    expect(single.status).toBe(202);
    const batch = await postBatch(
      new Request("http://127.0.0.1:3000/api/v1/messages/batch", {
        method: "POST",
        headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
        body: JSON.stringify({ messages: [body(cut), body("Entier")] }),
      }),
    );
    expect(((await batch.json()) as { accepted: number }).accepted).toBe(2);
    expect((await mailsOf(allowed.id)).length).toBe(3);
    const subjects = await (
      await getDb()
    ).outgoingMail.findMany({
      where: { mailboxId: allowed.id },
      select: { subject: true },
      orderBy: { subject: "asc" },
    });
    expect(subjects.map((m) => m.subject)).toEqual(["Entier", "Note \ufffd", "Note \ufffd"]);
  });
});

describe("a submission right after another from the same key", () => {
  it("sends again at once from a mailbox reconnected after it was refused as revoked", async () => {
    const { key, allowed } = await queuedOnce();
    const db = await getDb();
    await db.mailbox.update({ where: { id: allowed.id }, data: { state: "revoked" } });
    expect((await post(key.key, allowed.address)).status).toBe(422);
    await db.mailbox.update({ where: { id: allowed.id }, data: { state: "connected" } });
    const again = await post(key.key, allowed.address);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { status: string }).status).toBe("queued");
  });

  it("holds the mail of a mailbox that needs reconnecting since, with the reason, and takes its new name", async () => {
    const { key, allowed } = await queuedOnce();
    await (
      await getDb()
    ).mailbox.update({
      where: { id: allowed.id },
      data: { state: "needs_reconnect", displayName: "Vie scolaire" },
    });
    const second = await post(key.key, allowed.address);
    expect(second.status).toBe(202);
    expect(((await second.json()) as { status: string }).status).toBe("held");
    expect((await mailsOf(allowed.id)).at(-1)).toEqual({
      status: "held",
      lastError: "mailbox_needs_reconnect",
      fromName: "Vie scolaire",
    });
  });

  it("holds the mail of a mailbox paused since", async () => {
    const { key, allowed } = await queuedOnce();
    await (
      await getDb()
    ).mailbox.update({
      where: { id: allowed.id },
      data: { pausedUntil: new Date(Date.now() + 3_600_000) },
    });
    const second = await post(key.key, allowed.address);
    expect(((await second.json()) as { status: string }).status).toBe("held");
    expect((await mailsOf(allowed.id)).at(-1)?.lastError).toBe("mailbox_paused");
  });

  it("refuses a mailbox revoked since, as revoked, and writes nothing", async () => {
    const { key, allowed } = await queuedOnce();
    await (await getDb()).mailbox.update({ where: { id: allowed.id }, data: { state: "revoked" } });
    const second = await post(key.key, allowed.address);
    expect(second.status).toBe(422);
    expect(
      ((await second.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty("from");
    expect(await mailsOf(allowed.id)).toHaveLength(1);
  });

  it("refuses a mailbox taken off the key since, as not found, and writes nothing", async () => {
    const { key, allowed } = await queuedOnce();
    await (await getDb()).apiKeyMailbox.deleteMany({ where: { apiKeyId: key.id } });
    const second = await post(key.key, allowed.address);
    expect(second.status).toBe(404);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("mailbox_not_found");
    expect(await mailsOf(allowed.id)).toHaveLength(1);
  });

  it("refuses a key revoked since, and a suspended school's key, and writes nothing", async () => {
    const { key, allowed, ctx } = await queuedOnce();
    await revokeApiKey(ctx, key.id);
    expect((await post(key.key, allowed.address)).status).toBe(401);

    const other = await queuedOnce();
    await (
      await getDb()
    ).tenant.update({ where: { id: other.tenant.id }, data: { suspendedAt: new Date() } });
    expect((await post(other.key.key, other.allowed.address)).status).toBe(401);

    expect(await mailsOf(allowed.id)).toHaveLength(1);
    expect(await mailsOf(other.allowed.id)).toHaveLength(1);
  });
});
