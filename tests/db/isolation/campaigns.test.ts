import { beforeEach, describe, expect, it, vi } from "vitest";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { seedClientConfiguration, seedMailbox } from "../../support/seed-mailboxes";
import { useTestDatabase } from "../../support/test-db";
import { form } from "../../support/action-helpers";

// The routes and actions run outside a request here: the session, headers and cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { GET: exportRoute } = await import("@/app/(portal)/t/[tenant]/campaigns/[id]/export/route");
const { GET: reportRoute } = await import("@/app/api/t/[tenant]/campaigns/[id]/route");
const actions = await import("@/lib/campaigns/campaign-actions");
const { startCampaign } = await import("@/lib/campaigns/start-campaign");
const { sendCampaignLinks } = await import("@/lib/campaigns/send-campaign-links");
const { getDb } = await import("@/lib/db/client");

delete process.env.RELAIS_SMTP_URL;
process.env.NEXTAUTH_URL = "https://relais.example.test/";
useTestDatabase();

beforeEach(() => {
  signedInAs.id = null;
});

/** Tenant A with a campaign (one address a spreadsheet would read as a formula), tenant B with its own. */
async function twoTenants() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const aConfig = await seedClientConfiguration(a.tenant.id);
  const bConfig = await seedClientConfiguration(b.tenant.id);
  const aMailbox = await seedMailbox(a.tenant.id, aConfig.id, {
    address: `+accueil-${a.tenant.slug}@a.test`,
    state: "needs_reconnect",
  });
  const bMailbox = await seedMailbox(b.tenant.id, bConfig.id, {
    address: `only-in-b-${b.tenant.slug}@b.test`,
    state: "needs_reconnect",
  });
  const ctxA = await contextFor(a.admin, a.tenant, "mailboxes.write");
  const ctxB = await contextFor(b.admin, b.tenant, "mailboxes.write");
  const start = { name: "Rentrée", channel: "mail" as const, linkDays: 7, state: "needs_reconnect" as const };
  const aCampaign = await startCampaign(ctxA, start);
  await sendCampaignLinks(ctxA, { campaignId: aCampaign.id, ids: [aMailbox.id] });
  const bCampaign = await startCampaign(ctxB, start);
  await sendCampaignLinks(ctxB, { campaignId: bCampaign.id, ids: [bMailbox.id] });
  return { a, b, aMailbox, bMailbox, aCampaign, bCampaign };
}

const call = (route: typeof exportRoute, slug: string, id: string) =>
  route(new Request(`http://127.0.0.1/t/${slug}/campaigns/${id}`), {
    params: Promise.resolve({ tenant: slug, id }),
  });

async function snapshotOf(tenantId: string) {
  const db = await getDb();
  return {
    campaigns: await db.reconnectCampaign.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    members: await db.reconnectCampaignMember.findMany({
      where: { tenantId },
      orderBy: { mailboxId: "asc" },
    }),
    links: await db.connectLink.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    audit: await db.auditEntry.count({ where: { tenantId } }),
    mail: await db.capturedMail.count(),
  };
}

describe("reconnect campaigns: the export and report routes", () => {
  it("answer 401 without a session, 404 to another school's admin and to a member", async () => {
    const { a, b, aCampaign } = await twoTenants();
    for (const route of [exportRoute, reportRoute]) {
      expect((await call(route, a.tenant.slug, aCampaign.id)).status).toBe(401);
      signedInAs.id = b.admin.id;
      // Under A's address (not a member there) or its own (not its campaign): nothing.
      expect((await call(route, a.tenant.slug, aCampaign.id)).status).toBe(404);
      const own = await call(route, b.tenant.slug, aCampaign.id);
      expect(own.status).toBe(404);
      expect(await own.text()).not.toContain("accueil");
      signedInAs.id = a.member.id;
      expect((await call(route, a.tenant.slug, aCampaign.id)).status).toBe(404);
      signedInAs.id = null;
    }
  });

  it("gives the admin the campaign's CSV, a formula-looking address made inert", async () => {
    const { a, aMailbox, aCampaign } = await twoTenants();
    signedInAs.id = a.admin.id;
    const response = await call(exportRoute, a.tenant.slug, aCampaign.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="reconnect-campaign-${a.tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[1]?.split(",").slice(0, 3)).toEqual([
      `'${aMailbox.address}`,
      `'${aMailbox.address}`,
      "asked",
    ]);
    expect(lines.join("\n")).not.toContain("only-in-b");

    const report = await call(reportRoute, a.tenant.slug, aCampaign.id);
    expect(await report.json()).toMatchObject({
      id: aCampaign.id,
      counts: { total: 1, asked: 1 },
      members: [{ address: aMailbox.address, status: "asked" }],
    });
  });
});

describe("reconnect campaigns: the actions", () => {
  it("answer not found to A's admin for B's campaign and mailboxes, and B is unchanged", async () => {
    const { a, b, aCampaign, bCampaign, bMailbox } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    signedInAs.id = a.admin.id;
    for (const tenant of [a.tenant.slug, b.tenant.slug]) {
      const campaignId = bCampaign.id;
      const results = [
        await actions.sendCampaignLinksAction(null, form({ tenant, campaignId, ids: [bMailbox.id] })),
        await actions.resendCampaignAction(null, form({ tenant, campaignId })),
        await actions.closeCampaignAction(null, form({ tenant, campaignId })),
        // A's own campaign, with B's mailbox.
        await actions.sendCampaignLinksAction(
          null,
          form({ tenant, campaignId: aCampaign.id, ids: [bMailbox.id] }),
        ),
      ];
      for (const result of results) expect(result).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });

  it("refuse a member who is not an admin", async () => {
    const { a, aCampaign, aMailbox } = await twoTenants();
    const before = await snapshotOf(a.tenant.id);
    signedInAs.id = a.member.id;
    const tenant = a.tenant.slug;
    const results = [
      await actions.startCampaignAction(
        null,
        form({ tenant, name: "Mine", channel: "mail", state: "needs_reconnect" }),
      ),
      await actions.sendCampaignLinksAction(
        null,
        form({ tenant, campaignId: aCampaign.id, ids: [aMailbox.id] }),
      ),
      await actions.resendCampaignAction(null, form({ tenant, campaignId: aCampaign.id })),
      await actions.closeCampaignAction(null, form({ tenant, campaignId: aCampaign.id })),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshotOf(a.tenant.id)).toEqual(before);
  });

  it("let the admin start a campaign over a filter through the action", async () => {
    const { a, aMailbox } = await twoTenants();
    signedInAs.id = a.admin.id;
    const result = await actions.startCampaignAction(
      null,
      form({
        tenant: a.tenant.slug,
        name: "Again",
        channel: "copy",
        linkDays: "3",
        state: "needs_reconnect",
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { targets: [{ id: aMailbox.id }] } });
    const empty = await actions.startCampaignAction(
      null,
      form({ tenant: a.tenant.slug, name: "None", channel: "mail", state: "pending" }),
    );
    expect(empty).toMatchObject({ ok: false, code: "invalid_input" });
    const unnamed = await actions.startCampaignAction(
      null,
      form({ tenant: a.tenant.slug, name: " ", channel: "mail" }),
    );
    expect(unnamed).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
  });
});
