import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as postWebhook } from "@/app/api/v1/webhooks/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { parseAuditQuery } from "@/lib/audit/audit-filters";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { listAuditActions } from "@/lib/audit/list-audit-actions";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { form } from "../support/action-helpers";
import { headersFrom } from "../support/client-address";
import { contextFor, seedTenantWithPeople, seedUser } from "../support/factories";
import { seedAuditEntry } from "../support/seed-audit";
import { useTestDatabase } from "../support/test-db";

// A server action outside a request: the test is the session and the request's headers.
const request = vi.hoisted(() => ({ userId: null as string | null, headers: {} as Record<string, string> }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (request.userId ? { user: { id: request.userId } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(request.headers),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createTenantAction } = await import("@/lib/tenants/tenant-actions");

// Webhook secrets are sealed at rest.
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

useTestDatabase();

async function adminOfNewTenant(timeZone?: string) {
  const people = await seedTenantWithPeople();
  if (timeZone) await (await getDb()).tenant.update({ where: { id: people.tenant.id }, data: { timeZone } });
  return { ...people, ctx: await contextFor(people.admin, people.tenant, "audit.read") };
}

const csvOf = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("listAuditEntries", () => {
  it("shows only the context's tenant, newest first", async () => {
    const a = await adminOfNewTenant();
    const b = await adminOfNewTenant();
    const first = await seedAuditEntry(a.tenant.id, { targetLabel: "first in A" });
    await seedAuditEntry(b.tenant.id, { targetLabel: "in B" });
    const second = await seedAuditEntry(a.tenant.id, { targetLabel: "second in A" });
    await seedAuditEntry(null, { action: "operator.granted", targetLabel: "platform-level" });

    const { entries, newer, older } = await listAuditEntries(a.ctx, {});
    expect(entries.map((entry) => entry.id)).toEqual([second.id.toString(), first.id.toString()]);
    expect(newer).toBeNull();
    expect(older).toBeNull();
  });

  it("lists what recordAudit wrote, with the actor and IP of the context", async () => {
    const a = await adminOfNewTenant();
    const db = await getDb();
    await db.$transaction((tx) =>
      recordAudit(tx, a.ctx, {
        action: "member.role_changed",
        targetType: "user",
        targetId: a.member.id,
        targetLabel: a.member.email,
        details: { from: "member", to: "admin" },
      }),
    );
    const [entry] = (await listAuditEntries(a.ctx, {})).entries;
    expect(entry).toMatchObject({
      actorLabel: a.admin.email,
      action: "member.role_changed",
      targetLabel: a.member.email,
      ip: "203.0.113.7",
      details: { from: "member", to: "admin" },
    });
  });

  it("filters by action, actor, target text and days of the school's zone (here UTC)", async () => {
    const a = await adminOfNewTenant("UTC");
    await seedAuditEntry(a.tenant.id, {
      action: "member.invited",
      actorLabel: "Alice@School.test",
      targetLabel: "bob@school.test",
      createdAt: new Date("2026-01-10T23:59:59Z"),
    });
    await seedAuditEntry(a.tenant.id, {
      action: "member.removed",
      actorLabel: "carol@school.test",
      targetLabel: "dave@school.test",
      targetId: "5b0c2a4e-dave",
      createdAt: new Date("2026-01-11T00:00:00Z"),
    });
    await seedAuditEntry(a.tenant.id, {
      action: "member.invited",
      actorLabel: "carol@school.test",
      targetLabel: "erin@school.test",
      createdAt: new Date("2026-01-12T12:00:00Z"),
    });
    const labels = async (filters: Parameters<typeof listAuditEntries>[1]) =>
      (await listAuditEntries(a.ctx, filters)).entries.map((entry) => entry.targetLabel).sort();

    expect(await labels({ action: "member.invited" })).toEqual(["bob@school.test", "erin@school.test"]);
    expect(await labels({ actor: "alice" })).toEqual(["bob@school.test"]);
    expect(await labels({ target: "DAVE" })).toEqual(["dave@school.test"]);
    expect(await labels({ target: "5b0c2a4e" })).toEqual(["dave@school.test"]);
    expect(await labels({ from: "2026-01-11" })).toEqual(["dave@school.test", "erin@school.test"]);
    expect(await labels({ to: "2026-01-10" })).toEqual(["bob@school.test"]);
    expect(await labels({ from: "2026-01-11", to: "2026-01-11" })).toEqual(["dave@school.test"]);
    expect(await labels({ action: "member.invited", actor: "carol" })).toEqual(["erin@school.test"]);
    expect(await labels({ actor: "nobody" })).toEqual([]);
  });

  it("takes % and _ in a search literally", async () => {
    const a = await adminOfNewTenant();
    await seedAuditEntry(a.tenant.id, { actorLabel: "abc@school.test", targetLabel: "plain" });
    await seedAuditEntry(a.tenant.id, { actorLabel: "a_c@school.test", targetLabel: "100% sure" });
    const actors = async (filters: Parameters<typeof listAuditEntries>[1]) =>
      (await listAuditEntries(a.ctx, filters)).entries.map((entry) => entry.actorLabel);
    expect(await actors({ actor: "a_c" })).toEqual(["a_c@school.test"]);
    expect(await actors({ target: "%" })).toEqual(["a_c@school.test"]);
    expect(await actors({ actor: "\\" })).toEqual([]);
  });

  it("pages through the log both ways without skipping or repeating", async () => {
    const a = await adminOfNewTenant();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await seedAuditEntry(a.tenant.id, { targetLabel: `t${i}` })).id.toString());
    const newestFirst = [...ids].reverse();

    const page1 = await listAuditEntries(a.ctx, {}, {}, 3);
    expect(page1.entries.map((e) => e.id)).toEqual(newestFirst.slice(0, 3));
    expect(page1.newer).toBeNull();
    const page2 = await listAuditEntries(a.ctx, {}, { before: BigInt(page1.older!) }, 3);
    expect(page2.entries.map((e) => e.id)).toEqual(newestFirst.slice(3, 6));
    const page3 = await listAuditEntries(a.ctx, {}, { before: BigInt(page2.older!) }, 3);
    expect(page3.entries.map((e) => e.id)).toEqual(newestFirst.slice(6));
    expect(page3.older).toBeNull();

    const back = await listAuditEntries(a.ctx, {}, { after: BigInt(page3.newer!) }, 3);
    expect(back.entries.map((e) => e.id)).toEqual(newestFirst.slice(3, 6));
    const backToTop = await listAuditEntries(a.ctx, {}, { after: BigInt(back.newer!) }, 3);
    expect(backToTop.entries.map((e) => e.id)).toEqual(newestFirst.slice(0, 3));
    expect(backToTop.newer).toBeNull();
    expect(backToTop.older).toBe(newestFirst[2]);
  });

  it("offers the actions that occur in the tenant's log only", async () => {
    const a = await adminOfNewTenant();
    const b = await adminOfNewTenant();
    await seedAuditEntry(a.tenant.id, { action: "member.invited" });
    await seedAuditEntry(a.tenant.id, { action: "member.invited" });
    await seedAuditEntry(a.tenant.id, { action: "invitation.revoked" });
    await seedAuditEntry(b.tenant.id, { action: "member.removed" });
    expect(await listAuditActions(a.ctx)).toEqual(["invitation.revoked", "member.invited"]);
  });
});

describe("parseAuditQuery", () => {
  it("keeps what parses and reports what it left out", () => {
    const parsed = parseAuditQuery(
      new URLSearchParams({ action: "member.invited", from: "2026-02-30", to: "2026-03-01", before: "12x" }),
    );
    expect(parsed.filters).toEqual({ action: "member.invited", to: "2026-03-01" });
    expect(parsed.page).toEqual({});
    expect(parsed.ignored).toBe(true);
    expect(parseAuditQuery({ actor: "  ", after: "42" })).toEqual({
      filters: {},
      page: { after: 42n },
      ignored: false,
    });
  });
});

describe("exportAuditCsv", () => {
  it("exports the tenant's filtered entries, escaped and neutralised for spreadsheets", async () => {
    const a = await adminOfNewTenant();
    const b = await adminOfNewTenant();
    await seedAuditEntry(a.tenant.id, {
      action: "member.invited",
      actorLabel: '=HYPERLINK("http://evil.test","click")',
      targetLabel: 'Dupont, "Marie"\nline two',
      details: { role: "member" },
      createdAt: new Date("2026-05-06T07:08:09.000Z"),
    });
    await seedAuditEntry(a.tenant.id, { action: "member.removed", targetLabel: "@SUM(A1)" });
    await seedAuditEntry(b.tenant.id, { action: "member.invited", targetLabel: "secret of B" });

    const all = await csvOf(exportAuditCsv(a.ctx, {}));
    expect(all.startsWith("time_utc,actor,action,target_type,target_id,target,ip,details\r\n")).toBe(true);
    expect(all).not.toContain("secret of B");
    expect(all).toContain(",'@SUM(A1),");

    const invited = await csvOf(exportAuditCsv(a.ctx, { action: "member.invited" }));
    expect(invited).toBe(
      "time_utc,actor,action,target_type,target_id,target,ip,details\r\n" +
        '2026-05-06T07:08:09.000Z,"\'=HYPERLINK(""http://evil.test"",""click"")",member.invited,invitation,,' +
        '"Dupont, ""Marie""\nline two",203.0.113.7,"{""role"":""member""}"\r\n',
    );
  });

  it("starts with a byte order mark, streams in batches and stops at the limit", async () => {
    const a = await adminOfNewTenant();
    for (let i = 0; i < 5; i++) await seedAuditEntry(a.tenant.id, { targetLabel: `entry ${i}` });
    const bytes = new Uint8Array(await new Response(exportAuditCsv(a.ctx, {}, 3)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines.slice(1).map((line) => line.split(",")[5])).toEqual(["entry 4", "entry 3", "entry 2"]);
  });
});

describe("the address in the audit log (docs/client-address.md)", () => {
  afterEach(() => {
    delete process.env.RELAIS_TRUSTED_PROXIES;
    request.userId = null;
    request.headers = {};
  });

  const spoofed = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" };

  it("is the socket's address for a signed-in person's action, not the X-Forwarded-For they send", async () => {
    const operator = await seedUser({ isOperator: true });
    request.userId = operator.id;
    request.headers = headersFrom("192.0.2.80", spoofed);
    const slug = `audit-ip-${randomBytes(4).toString("hex")}`;
    expect(await createTenantAction(null, form({ slug, name: "Collège Camus" }))).toMatchObject({ ok: true });
    const db = await getDb();
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { tenant: { slug }, action: "tenant.created" },
    });
    expect(entry).toMatchObject({ actorId: operator.id, ip: "192.0.2.80" });
  });

  it("is the client a trusted proxy names for an API call", async () => {
    process.env.RELAIS_TRUSTED_PROXIES = "10.0.0.5";
    const people = await seedTenantWithPeople();
    const key = await createApiKey(await contextFor(people.admin, people.tenant, "apiKeys.write"), {
      name: "Timetable webhooks",
      mailboxIds: [],
      manageWebhooks: true,
    });
    const call = (peer: string) =>
      postWebhook(
        new Request("http://127.0.0.1:3000/api/v1/webhooks", {
          method: "POST",
          headers: {
            ...headersFrom(peer, { ...spoofed, "x-forwarded-for": "6.6.6.6, 198.51.100.90" }),
            authorization: `Bearer ${key.key}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ url: "https://hooks.example.org/relais", eventTypes: ["mail.sent"] }),
        }),
      );
    // Through the proxy: the hop the proxy appended. Straight from elsewhere: that socket, headers ignored.
    expect((await call("10.0.0.5")).status).toBe(201);
    expect((await call("203.0.113.40")).status).toBe(201);
    const db = await getDb();
    const entries = await db.auditEntry.findMany({
      where: { tenantId: people.tenant.id, action: "webhook_endpoint.created" },
      orderBy: { id: "asc" },
    });
    expect(entries.map((entry) => entry.ip)).toEqual(["198.51.100.90", "203.0.113.40"]);
  });
});
