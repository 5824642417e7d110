import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { importSmtpAuthReport } from "@/lib/migration/import-report";
import { reportPeriodSchema } from "@/lib/migration/migration-schemas";
import { form } from "../../support/action-helpers";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { seedClientConfiguration, seedMailbox } from "../../support/seed-mailboxes";
import { useTestDatabase } from "../../support/test-db";

// The action and the routes run outside a request here: the session, headers and cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { migrateSenderAction } = await import("@/lib/migration/migration-actions");
const { POST: uploadRoute } = await import("@/app/(portal)/t/[tenant]/migration/upload/route");
const { GET: exportRoute } = await import("@/app/(portal)/t/[tenant]/migration/export/route");

useTestDatabase();
delete process.env.RELAIS_SMTP_URL;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const report = (address: string) =>
  `Sender address,Messages sent,TLS1.0 %,TLS1.1 %,TLS1.2 %,Authentication protocol\r\n${address},5,0,0,100,Basic\r\n`;

function upload(slug: string, body: BodyInit, query = `periodStart=${day(-7)}&periodEnd=${day(-1)}`) {
  return uploadRoute(
    new Request(`http://127.0.0.1/t/${slug}/migration/upload?${query}&fileName=r.csv`, {
      method: "POST",
      headers: { "x-relais-import": "1" },
      body,
    }),
    { params: Promise.resolve({ tenant: slug }) },
  );
}

const exportPlan = (slug: string) =>
  exportRoute(new Request(`http://127.0.0.1/t/${slug}/migration/export`), {
    params: Promise.resolve({ tenant: slug }),
  });

/** Two schools, B with a plan listing a sender whose mailbox is B's. */
async function twoSchools() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const bConfig = await seedClientConfiguration(b.tenant.id, { provider: "microsoft" });
  const bMailbox = await seedMailbox(b.tenant.id, bConfig.id, { address: "scans@school-b.test" });
  await importSmtpAuthReport(await contextFor(b.admin, b.tenant, "migration.write"), {
    text: report(bMailbox.address),
    fileName: "b.csv",
    period: reportPeriodSchema.parse({ periodStart: day(-7), periodEnd: day(-1) }),
  });
  return { a, b, bMailbox };
}

async function snapshotOf(tenantId: string) {
  const db = await getDb();
  return {
    imports: await db.migrationImport.count({ where: { tenantId } }),
    lines: await db.migrationReportLine.count({ where: { tenantId } }),
    senders: await db.migrationSender.count({ where: { tenantId } }),
    mailboxes: await db.mailbox.count({ where: { tenantId } }),
    credentials: await db.relayCredential.count({ where: { tenantId } }),
    audit: await db.auditEntry.count({ where: { tenantId } }),
  };
}

beforeEach(() => {
  signedInAs.id = null;
});

describe("the migration planner's entry points", () => {
  it("give another school's admin nothing: not its plan, its CSV, its senders, nor an import into it", async () => {
    const { a, b, bMailbox } = await twoSchools();
    const before = await snapshotOf(b.tenant.id);
    signedInAs.id = a.admin.id;
    const acted = await migrateSenderAction(
      null,
      form({ tenant: b.tenant.slug, address: bMailbox.address, createCredential: "on" }),
    );
    expect(acted).toMatchObject({ ok: false, code: "not_found" });
    // With A's own slug, B's sender is not in A's plan.
    const inOwn = await migrateSenderAction(
      null,
      form({ tenant: a.tenant.slug, address: bMailbox.address, createCredential: "on" }),
    );
    expect(inOwn).toMatchObject({ ok: false, code: "not_found" });
    expect((await upload(b.tenant.slug, report("planted@school-b.test"))).status).toBe(404);
    const csv = await exportPlan(b.tenant.slug);
    expect(csv.status).toBe(404);
    expect(await csv.text()).not.toContain(bMailbox.address);
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("give a member and a signed-out visitor nothing", async () => {
    const { b, bMailbox } = await twoSchools();
    const before = await snapshotOf(b.tenant.id);
    signedInAs.id = b.member.id;
    const acted = await migrateSenderAction(
      null,
      form({ tenant: b.tenant.slug, address: bMailbox.address, createCredential: "on" }),
    );
    expect(acted).toMatchObject({ ok: false, code: "forbidden" });
    expect((await upload(b.tenant.slug, report("x@school-b.test"))).status).toBe(404);
    expect((await exportPlan(b.tenant.slug)).status).toBe(404);
    signedInAs.id = null;
    expect((await upload(b.tenant.slug, report("x@school-b.test"))).status).toBe(401);
    expect((await exportPlan(b.tenant.slug)).status).toBe(401);
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });
});

describe("the upload route", () => {
  it("imports for the school's admin, and refuses a cross-site post, a bad period, a huge or non-text file", async () => {
    const { b } = await twoSchools();
    signedInAs.id = b.admin.id;
    const noHeader = await uploadRoute(
      new Request(
        `http://127.0.0.1/t/${b.tenant.slug}/migration/upload?periodStart=${day(-7)}&periodEnd=${day(-1)}`,
        {
          method: "POST",
          body: report("x@school-b.test"),
        },
      ),
      { params: Promise.resolve({ tenant: b.tenant.slug }) },
    );
    expect(noHeader.status).toBe(403);
    const backwards = await upload(
      b.tenant.slug,
      report("x@school-b.test"),
      `periodStart=${day(-1)}&periodEnd=${day(-7)}`,
    );
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({
      outcome: "error",
      message: expect.stringContaining("period"),
    });
    const huge = await upload(b.tenant.slug, `${report("x@school-b.test")}${" ".repeat(5 * 1024 * 1024)}`);
    expect(huge.status).toBe(413);
    const latin1 = await upload(b.tenant.slug, new Uint8Array([0x61, 0xe9, 0x0d, 0x0a]));
    expect(await latin1.json()).toMatchObject({
      outcome: "error",
      message: expect.stringContaining("UTF-8"),
    });
    const before = await snapshotOf(b.tenant.id);

    const bad = await upload(
      b.tenant.slug,
      `${report("x@school-b.test")}y@school-b.test,many,0,0,100,Basic\r\n`,
    );
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      outcome: "refused",
      message: expect.stringContaining("nothing was changed"),
      problems: ["Line 3: “many” is not a number of messages."],
    });
    expect(await snapshotOf(b.tenant.id)).toEqual(before);

    // UTF-16 with its byte order mark, as a spreadsheet may save it.
    const text = report("X@School-B.test");
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16.set([text.charCodeAt(i), 0], 2 + i * 2);
    const good = await upload(b.tenant.slug, utf16);
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({
      outcome: "imported",
      senders: 1,
      message: "1 sender imported from r.csv.",
    });
    const db = await getDb();
    expect(
      await db.migrationReportLine.count({ where: { tenantId: b.tenant.id, address: "x@school-b.test" } }),
    ).toBe(1);
  });
});

describe("the action", () => {
  it("does not read a false-looking checkbox as ticked", async () => {
    const { b, bMailbox } = await twoSchools();
    signedInAs.id = b.admin.id;
    const result = await migrateSenderAction(
      null,
      form({ tenant: b.tenant.slug, address: bMailbox.address, createCredential: "false", sendLink: "" }),
    );
    expect(result).toMatchObject({
      ok: true,
      data: { mailbox: "skipped", link: "skipped", credential: "skipped" },
    });
    expect(await (await getDb()).relayCredential.count({ where: { tenantId: b.tenant.id } })).toBe(0);
  });
});
