import { beforeEach, describe, expect, it, vi } from "vitest";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { seedClientConfiguration, seedMailbox } from "../../support/seed-mailboxes";
import { useTestDatabase } from "../../support/test-db";

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
