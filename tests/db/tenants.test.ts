import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { listTenantsForOperator } from "@/lib/tenants/list-tenants-for-operator";
import { seedMember, seedTenant, seedUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { form } from "../support/action-helpers";

// The action runs outside a request here: the session, the headers and the
// page cache are Next's, so the test supplies them.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers((await import("../support/client-address")).headersFrom("198.51.100.4")),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createTenantAction } = await import("@/lib/tenants/tenant-actions");

useTestDatabase();

let counter = 0;
const newSlug = () => `school-${Date.now().toString(36)}-${++counter}`;
const operatorActor = { userId: null, email: "cli", ip: null };

beforeEach(() => {
  signedInAs.id = null;
});

describe("createTenant", () => {
  it("normalises the slug and records tenant.created in the new tenant's log", async () => {
    const slug = newSlug();
    const operator = await seedUser({ isOperator: true });
    const tenant = await createTenant(
      { userId: operator.id, email: operator.email, ip: "198.51.100.4" },
      { slug: `  ${slug.toUpperCase()} `, name: " Lycée Hugo " },
    );
    // A French school in Paris unless the operator says otherwise.
    expect(tenant).toMatchObject({ slug, name: "Lycée Hugo", locale: "fr", timeZone: "Europe/Paris" });
    const db = await getDb();
    expect(await db.auditEntry.findMany({ where: { tenantId: tenant.id } })).toMatchObject([
      {
        action: "tenant.created",
        actorId: operator.id,
        actorLabel: operator.email,
        ip: "198.51.100.4",
        targetId: tenant.id,
        details: { slug, language: "fr", timeZone: "Europe/Paris" },
      },
    ]);
  });

  it("refuses a taken slug with a conflict, also when two creations race", async () => {
    const slug = newSlug();
    const results = await Promise.allSettled([
      createTenant(operatorActor, { slug, name: "One" }),
      createTenant(operatorActor, { slug, name: "Two" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.filter((result) => result.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({
      code: "conflict",
      messageKey: "operator.errors.slugTaken",
      vars: { slug },
    });
    const db = await getDb();
    expect(await db.tenant.count({ where: { slug } })).toBe(1);
    expect(
      await db.auditEntry.count({
        where: { action: "tenant.created", details: { path: ["slug"], equals: slug } },
      }),
    ).toBe(1);
  });
});

describe("listTenantsForOperator", () => {
  it("gives every tenant with its member count", async () => {
    const busy = await seedTenant();
    const empty = await seedTenant();
    await seedMember(busy.id, "admin");
    await seedMember(busy.id, "member");
    const list = await listTenantsForOperator();
    expect(list.find((tenant) => tenant.id === busy.id)).toMatchObject({ slug: busy.slug, memberCount: 2 });
    expect(list.find((tenant) => tenant.id === empty.id)).toMatchObject({ memberCount: 0 });
    expect(Object.keys(list[0]!).sort()).toEqual(
      ["createdAt", "id", "memberCount", "name", "slug", "suspendedAt"].sort(),
    );
  });
});

describe("createTenantAction", () => {
  it("creates the tenant for an operator", async () => {
    const operator = await seedUser({ isOperator: true });
    signedInAs.id = operator.id;
    const slug = newSlug();
    const result = await createTenantAction(null, form({ slug, name: "Collège Camus" }));
    expect(result).toEqual({ ok: true, data: { slug, name: "Collège Camus" } });
    const db = await getDb();
    const entry = await db.auditEntry.findFirst({ where: { tenant: { slug } } });
    expect(entry).toMatchObject({ actorId: operator.id, ip: "198.51.100.4" });
  });

  it("takes the school's language and time zone, and refuses a zone that does not exist", async () => {
    const operator = await seedUser({ isOperator: true });
    signedInAs.id = operator.id;
    const slug = newSlug();
    const created = await createTenantAction(
      null,
      form({ slug, name: "Collège de Québec", locale: "en", timeZone: "America/Toronto" }),
    );
    expect(created).toMatchObject({ ok: true });
    const db = await getDb();
    expect(await db.tenant.findUniqueOrThrow({ where: { slug } })).toMatchObject({
      locale: "en",
      timeZone: "America/Toronto",
    });
    const refused = newSlug();
    expect(
      await createTenantAction(
        null,
        form({ slug: refused, name: "Olympus", locale: "de", timeZone: "Mars/Olympus" }),
      ),
    ).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { locale: "Choose English or French.", timeZone: "Choose a time zone from the list." },
    });
    expect(await db.tenant.count({ where: { slug: refused } })).toBe(0);
  });

  it("refuses a person who is not an operator, even a tenant admin, and creates nothing", async () => {
    const tenant = await seedTenant();
    const admin = await seedMember(tenant.id, "admin");
    signedInAs.id = admin.id;
    const slug = newSlug();
    expect(await createTenantAction(null, form({ slug, name: "Sneaky" }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    signedInAs.id = null;
    expect(await createTenantAction(null, form({ slug, name: "Sneaky" }))).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    const db = await getDb();
    expect(await db.tenant.count({ where: { slug } })).toBe(0);
  });

  it("answers field errors in the person's language for a bad slug or a taken one", async () => {
    const operator = await seedUser({ isOperator: true });
    signedInAs.id = operator.id;
    const bad = await createTenantAction(null, form({ slug: "-nope-", name: "" }));
    expect(bad).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: {
        slug: expect.stringContaining("2 to 48"),
        name: "Enter the school's name.",
      },
    });
    const taken = await seedTenant();
    expect(await createTenantAction(null, form({ slug: taken.slug, name: "Again" }))).toMatchObject({
      ok: false,
      code: "conflict",
      message: `The short name ${taken.slug} is already taken.`,
      fieldErrors: { slug: "This short name is already taken." },
    });
  });
});
