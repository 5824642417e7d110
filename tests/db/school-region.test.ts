import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { setSchoolRegion } from "@/lib/tenants/set-school-region";
import { getTenantSettings } from "@/lib/tenants/tenant-settings";
import { expectDomainError, form } from "../support/action-helpers";
import { seedAuditEntry } from "../support/seed-audit";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

// Server actions and pages run outside a request here: the session, headers and cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null, acceptLanguage: "en-GB,en;q=0.9" }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "accept-language": signedInAs.acceptLanguage }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("not found");
  },
  redirect: () => {
    throw new Error("redirect");
  },
}));
const { setSchoolRegionAction } = await import("@/lib/tenants/tenant-settings-actions");

useTestDatabase();

beforeEach(() => {
  signedInAs.id = null;
  signedInAs.acceptLanguage = "en-GB,en;q=0.9";
});

/** The text a rendered server component's tree holds (its elements' children, not its client components' own). */
function textOf(node: unknown): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  if (node && typeof node === "object" && "props" in node) {
    return textOf((node as { props: { children?: unknown } }).props.children);
  }
  return "";
}

const plain = (text: string) => text.replace(/\s+/g, " ");

describe("the school's language and time zone", () => {
  it("are changed by its admins, checked on the server, audited, and only for that school", async () => {
    const a = await seedTenantWithPeople();
    const b = await seedTenantWithPeople();
    signedInAs.id = a.admin.id;
    const save = (fields: Record<string, string>) =>
      setSchoolRegionAction(
        null,
        form({ tenant: a.tenant.slug, locale: "fr", timeZone: "Europe/Paris", ...fields }),
      );
    const db = await getDb();

    expect(await save({ timeZone: "Mars/Olympus" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { timeZone: "Choose a time zone from the list." },
    });
    expect(await save({ locale: "de" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { locale: "Choose English or French." },
    });
    expect(await save({})).toEqual({
      ok: true,
      data: { locale: "fr", timeZone: "Europe/Paris", changed: false },
    });
    expect(await db.auditEntry.count({ where: { tenantId: a.tenant.id } })).toBe(0);

    // Another name of a known zone is stored as the list names it.
    expect(await save({ locale: "en", timeZone: "America/Montreal" })).toEqual({
      ok: true,
      data: { locale: "en", timeZone: "America/Toronto", changed: true },
    });
    const ctx = await contextFor(a.admin, a.tenant, "tenant.write");
    expect(await getTenantSettings(ctx)).toMatchObject({ locale: "en", timeZone: "America/Toronto" });
    expect(ctx).toMatchObject({ timeZone: "America/Toronto", tenantLocale: "en" });
    const entries = await db.auditEntry.findMany({
      where: { tenantId: a.tenant.id },
      orderBy: { id: "asc" },
    });
    expect(entries).toMatchObject([
      {
        action: "tenant.time_zone_changed",
        actorId: a.admin.id,
        targetId: a.tenant.id,
        details: { from: "Europe/Paris", to: "America/Toronto" },
      },
      { action: "tenant.language_changed", details: { from: "fr", to: "en" } },
    ]);

    // B untouched.
    expect(await db.tenant.findUniqueOrThrow({ where: { id: b.tenant.id } })).toMatchObject({
      locale: "fr",
      timeZone: "Europe/Paris",
    });
    expect(await db.auditEntry.count({ where: { tenantId: b.tenant.id } })).toBe(0);
  });

  it("cannot be changed by a member, nor by another school's admin", async () => {
    const a = await seedTenantWithPeople();
    const b = await seedTenantWithPeople();
    const attempt = { tenant: a.tenant.slug, locale: "en", timeZone: "Asia/Tokyo" };
    signedInAs.id = a.member.id;
    expect(await setSchoolRegionAction(null, form(attempt))).toMatchObject({ ok: false, code: "forbidden" });
    signedInAs.id = b.admin.id;
    expect(await setSchoolRegionAction(null, form(attempt))).toMatchObject({ ok: false, code: "not_found" });
    const memberCtx = await contextFor(a.member, a.tenant, "tenant.read");
    await expectDomainError(
      setSchoolRegion(memberCtx, { locale: "en", timeZone: "Asia/Tokyo" }),
      "forbidden",
    );
    const db = await getDb();
    expect(await db.tenant.findUniqueOrThrow({ where: { id: a.tenant.id } })).toMatchObject({
      locale: "fr",
      timeZone: "Europe/Paris",
    });
    expect(await db.auditEntry.count({ where: { tenantId: a.tenant.id } })).toBe(0);
  });

  it("move the times and days of its audit log", async () => {
    const a = await seedTenantWithPeople();
    // 23:30 UTC on 2 December: 3 December in Paris, 2 December in Toronto.
    await seedAuditEntry(a.tenant.id, {
      action: "member.invited",
      actorLabel: a.admin.email,
      targetLabel: "newcomer@school.test",
      createdAt: new Date("2026-12-02T23:30:00Z"),
    });
    const { default: AuditPage } = await import("@/app/(portal)/t/[tenant]/audit/page");
    const render = async () =>
      plain(
        textOf(
          await AuditPage({
            params: Promise.resolve({ tenant: a.tenant.slug }),
            searchParams: Promise.resolve({}),
          }),
        ),
      );
    const filtered = async (day: string) =>
      plain(
        textOf(
          await AuditPage({
            params: Promise.resolve({ tenant: a.tenant.slug }),
            searchParams: Promise.resolve({ from: day, to: day }),
          }),
        ),
      );
    signedInAs.id = a.admin.id;
    const paris = await render();
    expect(paris).toContain("Times and days are in Europe/Paris time.");
    expect(paris).toContain("3 Dec 2026, 00:30:00");
    // A filter by day is a day in the school's zone too.
    expect(await filtered("2026-12-03")).toContain("newcomer@school.test");
    expect(await filtered("2026-12-02")).not.toContain("newcomer@school.test");

    // An American browser: the same moment, its own way.
    signedInAs.acceptLanguage = "en-US,en;q=0.9";
    expect(await render()).toContain("Dec 3, 2026, 12:30:00 AM");
    signedInAs.acceptLanguage = "en-GB,en;q=0.9";

    const ctx = await contextFor(a.admin, a.tenant, "tenant.write");
    await setSchoolRegion(ctx, { locale: "fr", timeZone: "America/Toronto" });
    const toronto = await render();
    expect(toronto).toContain("Times and days are in America/Toronto time.");
    expect(toronto).toContain("2 Dec 2026, 18:30:00");
    expect(toronto).toContain("School's time zone changed");
    expect(await filtered("2026-12-02")).toContain("newcomer@school.test");
    expect(await filtered("2026-12-03")).not.toContain("newcomer@school.test");
  });
});
