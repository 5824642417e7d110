import { beforeEach, describe, expect, it, vi } from "vitest";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { listAuditActions } from "@/lib/audit/list-audit-actions";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import type { SessionUser } from "@/lib/auth/session";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { seedAuditEntry } from "../../support/seed-audit";
import { useTestDatabase } from "../../support/test-db";

// The export route reads the session from next-auth; here the test says who is signed in.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
const { GET: exportRoute } = await import("@/app/(portal)/t/[tenant]/audit/export/route");

useTestDatabase();

const signedIn = (user: { id: string; email: string }): SessionUser => ({
  userId: user.id,
  email: user.email,
  name: "",
  isOperator: false,
  locale: null,
  ip: "203.0.113.9",
});

function callExport(slug: string, query = "") {
  return exportRoute(new Request(`http://127.0.0.1/t/${slug}/audit/export${query}`), {
    params: Promise.resolve({ tenant: slug }),
  });
}

/** Tenant A's admin, and tenant B with entries that must never show in A. */
async function twoTenants() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  await seedAuditEntry(a.tenant.id, { action: "member.invited", targetLabel: "visible-in-a" });
  await seedAuditEntry(b.tenant.id, { action: "member.removed", targetLabel: "only-in-b" });
  return { a, b, ctxA: await contextFor(a.admin, a.tenant, "audit.read") };
}

beforeEach(() => {
  session.user = null;
});

describe("audit log isolation", () => {
  it("listing and actions as tenant A never show tenant B's entries", async () => {
    const { ctxA } = await twoTenants();
    const { entries } = await listAuditEntries(ctxA, {});
    expect(entries.map((entry) => entry.targetLabel)).toEqual(["visible-in-a"]);
    expect((await listAuditEntries(ctxA, { target: "only-in-b" })).entries).toEqual([]);
    expect(await listAuditActions(ctxA)).toEqual(["member.invited"]);
  });

  it("a cursor taken from tenant B's ids reads nothing of B", async () => {
    const { b, ctxA } = await twoTenants();
    const bEntry = await seedAuditEntry(b.tenant.id, { targetLabel: "also-only-in-b" });
    const around = [
      await listAuditEntries(ctxA, {}, { before: bEntry.id + 1n }),
      await listAuditEntries(ctxA, {}, { after: 0n }),
    ];
    for (const page of around) {
      expect(page.entries.map((entry) => entry.targetLabel)).toEqual(["visible-in-a"]);
    }
  });

  it("the CSV export as tenant A never holds tenant B's entries", async () => {
    const { ctxA } = await twoTenants();
    const csv = await new Response(exportAuditCsv(ctxA, {})).text();
    expect(csv).toContain("visible-in-a");
    expect(csv).not.toContain("only-in-b");
  });

  it("a member (not an admin) cannot read the audit log", async () => {
    const { a } = await twoTenants();
    await expect(contextFor(a.member, a.tenant, "audit.read")).rejects.toMatchObject({ code: "forbidden" });
    // A context made for another permission does not open it either.
    const memberCtx = await contextFor(a.member, a.tenant, "tenant.read");
    await expect(listAuditEntries(memberCtx, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAuditActions(memberCtx)).rejects.toMatchObject({ code: "forbidden" });
    expect(() => exportAuditCsv(memberCtx, {})).toThrow();
  });
});

describe("the export route", () => {
  it("answers 401 without a session", async () => {
    const { a } = await twoTenants();
    const response = await callExport(a.tenant.slug);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthenticated" });
  });

  it("answers 404 to tenant A's admin asking for tenant B", async () => {
    const { a, b } = await twoTenants();
    session.user = signedIn(a.admin);
    const response = await callExport(b.tenant.slug);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("only-in-b");
  });

  it("answers 404 to a member without audit.read", async () => {
    const { a } = await twoTenants();
    session.user = signedIn(a.member);
    const response = await callExport(a.tenant.slug);
    expect(response.status).toBe(404);
  });

  it("gives the admin their own tenant's CSV, filtered, as a download", async () => {
    const { a } = await twoTenants();
    await seedAuditEntry(a.tenant.id, { action: "invitation.revoked", targetLabel: "filtered-out" });
    session.user = signedIn(a.admin);
    const response = await callExport(a.tenant.slug, "?action=member.invited");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="audit-${a.tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    const csv = await response.text();
    expect(csv).toContain("visible-in-a");
    expect(csv).not.toContain("filtered-out");
    expect(csv).not.toContain("only-in-b");
  });
});
