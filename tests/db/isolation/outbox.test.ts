import { beforeEach, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { getDb } from "@/lib/db/client";
import { cancelOutgoingMail } from "@/lib/outbox/cancel-outgoing-mail";
import { getOutgoingMail } from "@/lib/outbox/get-outgoing-mail";
import { listOutgoingMail } from "@/lib/outbox/list-outgoing-mail";
import { listSendableMailboxes } from "@/lib/outbox/list-sendable-mailboxes";
import { queueMail } from "@/lib/outbox/queue-mail";
import { retryOutgoingMail } from "@/lib/outbox/retry-outgoing-mail";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { useTestDatabase } from "../../support/test-db";
import { draft } from "../outbox-fixtures";
import { form } from "../../support/action-helpers";

// Server actions run outside a request here: the session and headers are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const outboxActions = await import("@/lib/outbox/outbox-actions");
const keyActions = await import("@/lib/api-keys/api-key-actions");
const { POST: postMessage } = await import("@/app/api/v1/messages/route");
const { GET: getMessage, DELETE: deleteMessage } = await import("@/app/api/v1/messages/[id]/route");
const { GET: getMailboxes } = await import("@/app/api/v1/mailboxes/route");

useTestDatabase();

async function seedTenantWithMailbox(address: string) {
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
    data: { tenantId: people.tenant.id, address, clientConfigurationId: config.id, state: "connected" },
  });
  return { ...people, mailbox };
}

async function twoTenants() {
  const a = await seedTenantWithMailbox("office@school-a.test");
  const b = await seedTenantWithMailbox("office@school-b.test");
  const ctxA = await contextFor(a.admin, a.tenant, "apiKeys.write");
  const ctxB = await contextFor(b.admin, b.tenant, "apiKeys.write");
  const bQueued = await queueMail(
    { kind: "person", ctx: ctxB },
    { mailbox: { mailboxId: b.mailbox.id }, draft: draft() },
  );
  const db = await getDb();
  const bFailed = await queueMail(
    { kind: "person", ctx: ctxB },
    { mailbox: { mailboxId: b.mailbox.id }, draft: draft({ subject: "failed one" }) },
  );
  await db.outgoingMail.update({ where: { id: bFailed.id }, data: { status: "failed" } });
  const bKey = await createApiKey(ctxB, { name: "B program", mailboxIds: [b.mailbox.id] });
  const aKey = await createApiKey(ctxA, { name: "A program", mailboxIds: [a.mailbox.id] });
  return { a, b, ctxA, bQueued, bFailed, bKey, aKey };
}

async function snapshotOf(tenantId: string) {
  const db = await getDb();
  return {
    mail: await db.outgoingMail.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    keys: await db.apiKey.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
  };
}

const withKey = (key: string, init: RequestInit = {}) => ({
  ...init,
  headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
});

beforeEach(() => {
  signedInAs.id = null;
});

describe("outbox isolation", () => {
  it("domain functions as tenant A answer not found for B's mail, mailboxes and keys", async () => {
    const { b, ctxA, bQueued, bFailed, bKey } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    const person = { kind: "person" as const, ctx: ctxA };
    await expect(getOutgoingMail(person, bQueued.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelOutgoingMail(person, bQueued.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(retryOutgoingMail(ctxA, bFailed.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      queueMail(person, { mailbox: { mailboxId: b.mailbox.id }, draft: draft() }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeApiKey(ctxA, bKey.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(createApiKey(ctxA, { name: "x", mailboxIds: [b.mailbox.id] })).rejects.toMatchObject({
      code: "invalid_input",
    });
    const list = await listOutgoingMail(ctxA, { status: null, mailboxId: b.mailbox.id, search: "", page: 1 });
    expect(list.mails).toEqual([]);
    expect(Object.values(list.counts).every((n) => n === 0)).toBe(true);
    expect((await listSendableMailboxes(ctxA)).map((m) => m.address)).toEqual(["office@school-a.test"]);
    expect((await listApiKeys(ctxA)).map((k) => k.name)).toEqual(["A program"]);
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("the server actions answer not found for B's ids and for B's tenant", async () => {
    const { a, b, bQueued, bFailed, bKey } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    signedInAs.id = a.admin.id;
    for (const tenant of [a.tenant.slug, b.tenant.slug]) {
      const results = [
        await outboxActions.cancelMailAction(null, form({ tenant, id: bQueued.id })),
        await outboxActions.retryMailAction(null, form({ tenant, id: bFailed.id })),
        await outboxActions.sendTestMailAction(null, form({ tenant, mailboxId: b.mailbox.id })),
        await outboxActions.composeMailAction(
          null,
          form({ tenant, mailboxId: b.mailbox.id, to: "x@example.org", subject: "s", text: "t" }),
        ),
        await keyActions.revokeApiKeyAction(null, form({ tenant, id: bKey.id })),
      ];
      for (const result of results) expect(result).toMatchObject({ ok: false, code: "not_found" });
    }
    const planted = await keyActions.createApiKeyAction(
      null,
      form({ tenant: b.tenant.slug, name: "planted", mailboxIds: [b.mailbox.id] }),
    );
    expect(planted).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("tenant A's API key cannot send from, read, cancel or list tenant B's", async () => {
    const { b, bQueued, aKey } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    const base = "http://127.0.0.1/api/v1";
    const posted = await postMessage(
      new Request(
        `${base}/messages`,
        withKey(aKey.key, {
          method: "POST",
          body: JSON.stringify({ from: b.mailbox.address, to: "x@example.org", subject: "s", text: "t" }),
        }),
      ),
    );
    expect(posted.status).toBe(404);
    const params = { params: Promise.resolve({ id: bQueued.id }) };
    expect(
      (await getMessage(new Request(`${base}/messages/${bQueued.id}`, withKey(aKey.key)), params)).status,
    ).toBe(404);
    expect(
      (
        await deleteMessage(
          new Request(`${base}/messages/${bQueued.id}`, withKey(aKey.key, { method: "DELETE" })),
          params,
        )
      ).status,
    ).toBe(404);
    const listed = (await (
      await getMailboxes(new Request(`${base}/mailboxes`, withKey(aKey.key)))
    ).json()) as {
      mailboxes: { address: string }[];
    };
    expect(listed.mailboxes.map((m) => m.address)).toEqual(["office@school-a.test"]);
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });
});
