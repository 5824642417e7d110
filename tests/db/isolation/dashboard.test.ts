import { beforeEach, describe, expect, it, vi } from "vitest";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { seedClientConfiguration, seedMailbox } from "../../support/seed-mailboxes";
import { useTestDatabase } from "../../support/test-db";
import { form } from "../../support/action-helpers";

// The route and actions run outside a request here: the session, headers and cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { GET: dashboardRoute } = await import("@/app/api/t/[tenant]/dashboard/route");
const { getTenantDashboard } = await import("@/lib/dashboard/get-tenant-dashboard");
const bulk = await import("@/lib/mailboxes/bulk/bulk-actions");
const operatorActions = await import("@/lib/operator/operator-actions");
const { listMailboxFilterOptions } = await import("@/lib/mailboxes/list-mailbox-filter-options");
const { listMailboxActivity } = await import("@/lib/mailboxes/list-mailbox-activity");
const { getDb } = await import("@/lib/db/client");

useTestDatabase();

async function twoTenants() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const bConfig = await seedClientConfiguration(b.tenant.id);
  const bMailbox = await seedMailbox(b.tenant.id, bConfig.id, { state: "needs_reconnect" });
  return { a, b, bConfig, bMailbox };
}

const callDashboard = (slug: string) =>
  dashboardRoute(new Request(`http://127.0.0.1/api/t/${slug}/dashboard`), {
    params: Promise.resolve({ tenant: slug }),
  });

beforeEach(() => {
  signedInAs.id = null;
});

describe("dashboard route", () => {
  it("answers 401 without a session", async () => {
    const { a } = await twoTenants();
    const response = await callDashboard(a.tenant.slug);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthenticated" });
  });

  it("answers 404 for another tenant and for a member", async () => {
    const { a, b } = await twoTenants();
    signedInAs.id = a.admin.id;
    expect((await callDashboard(b.tenant.slug)).status).toBe(404);
    signedInAs.id = a.member.id;
    expect((await callDashboard(a.tenant.slug)).status).toBe(404);
  });

  it("gives A's admin A's figures only", async () => {
    const { a } = await twoTenants();
    signedInAs.id = a.admin.id;
    const response = await callDashboard(a.tenant.slug);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.counts.needs_reconnect).toBe(0);
    const direct = await getTenantDashboard(await contextFor(a.admin, a.tenant, "mailboxes.read"));
    expect(Object.values(direct.counts).reduce((s, n) => s + n, 0)).toBe(0);
  });
});

describe("bulk actions", () => {
  it("answer not found for B's mailboxes, members and configurations, and leave B alone", async () => {
    const { a, b, bConfig, bMailbox } = await twoTenants();
    const aConfig = await seedClientConfiguration(a.tenant.id);
    const aMailbox = await seedMailbox(a.tenant.id, aConfig.id, { state: "connected" });
    signedInAs.id = a.admin.id;
    const tenant = a.tenant.slug;
    const answers = [
      await bulk.reviewBulkTargetsAction(null, form({ tenant, scope: "selection", ids: [bMailbox.id] })),
      await bulk.runBulkActionAction(
        null,
        form({ tenant, scope: "selection", ids: [bMailbox.id], action: "revoke" }),
      ),
      await bulk.runBulkActionAction(
        null,
        form({ tenant, scope: "selection", ids: [aMailbox.id, bMailbox.id], action: "connect_links" }),
      ),
      await bulk.runBulkActionAction(
        null,
        form({ tenant: b.tenant.slug, scope: "filter", action: "revoke" }),
      ),
    ];
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, code: "not_found" });
    // A's filter never reaches B's rows; B's member and configuration are unknown in A.
    const count = await bulk.reviewBulkTargetsAction(
      null,
      form({ tenant, scope: "filter", config: bConfig.id }),
    );
    expect(count).toEqual({ ok: true, data: { count: 0, targets: [] } });
    const assign = await bulk.runBulkActionAction(
      null,
      form({ tenant, scope: "selection", ids: [aMailbox.id], action: "assign", members: [b.member.id] }),
    );
    expect(assign).toMatchObject({ ok: false, code: "invalid_input" });
    const move = await bulk.runBulkActionAction(
      null,
      form({
        tenant,
        scope: "selection",
        ids: [aMailbox.id],
        action: "change_configuration",
        clientConfigurationId: bConfig.id,
      }),
    );
    expect(move).toMatchObject({ ok: false, code: "invalid_input" });

    const db = await getDb();
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: bMailbox.id } })).toMatchObject({
      state: "needs_reconnect",
      clientConfigurationId: bConfig.id,
    });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: aMailbox.id } })).toMatchObject({
      state: "connected",
      clientConfigurationId: aConfig.id,
    });
    expect(await db.connectLink.count()).toBe(0);
    expect(await db.mailboxAssignment.count({ where: { mailboxId: aMailbox.id } })).toBe(0);
    expect(await db.auditEntry.count({ where: { tenantId: b.tenant.id } })).toBe(0);
  });

  it("are refused to a member", async () => {
    const { a } = await twoTenants();
    signedInAs.id = a.member.id;
    const answer = await bulk.runBulkActionAction(
      null,
      form({ tenant: a.tenant.slug, scope: "filter", action: "revoke" }),
    );
    expect(answer).toMatchObject({ ok: false });
    expect(answer.ok === false && ["forbidden", "not_found"].includes(answer.code)).toBe(true);
  });
});

describe("operator actions", () => {
  it("are refused to tenant admins and leave the school as it was", async () => {
    const { a, b } = await twoTenants();
    for (const user of [a.admin, a.member, null]) {
      signedInAs.id = user?.id ?? null;
      for (const action of [operatorActions.suspendTenantAction, operatorActions.unsuspendTenantAction]) {
        const answer = await action(null, form({ id: b.tenant.id }));
        expect(answer).toMatchObject({ ok: false });
        expect(answer.ok === false && ["forbidden", "unauthenticated"].includes(answer.code)).toBe(true);
      }
    }
    const db = await getDb();
    expect((await db.tenant.findUniqueOrThrow({ where: { id: b.tenant.id } })).suspendedAt).toBeNull();
    expect(await db.auditEntry.count({ where: { tenantId: b.tenant.id } })).toBe(0);
  });
});

describe("mailbox table and page helpers", () => {
  it("offer A's admin none of B's configurations, members, mail or audit entries", async () => {
    const { a, b, bConfig, bMailbox } = await twoTenants();
    const ctx = await contextFor(a.admin, a.tenant, "mailboxes.read");
    const options = await listMailboxFilterOptions(ctx);
    expect(options.configurations.map((c) => c.id)).not.toContain(bConfig.id);
    expect(options.members.map((m) => m.id).sort()).toEqual([a.admin.id, a.member.id].sort());
    expect(options.members.map((m) => m.id)).not.toContain(b.admin.id);
    expect(await listMailboxActivity(ctx, bMailbox.id)).toEqual({ mails: [], audit: [] });
  });
});
