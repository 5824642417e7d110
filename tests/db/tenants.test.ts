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
const { inviteSchoolAdminAction } = await import("@/lib/operator/operator-actions");

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
  it("gives every tenant with its member and admin counts", async () => {
    const busy = await seedTenant();
    const empty = await seedTenant();
    await seedMember(busy.id, "admin");
    await seedMember(busy.id, "member");
    const list = await listTenantsForOperator();
    expect(list.find((tenant) => tenant.id === busy.id)).toMatchObject({
      slug: busy.slug,
      memberCount: 2,
      adminCount: 1,
    });
    expect(list.find((tenant) => tenant.id === empty.id)).toMatchObject({ memberCount: 0, adminCount: 0 });
    expect(Object.keys(list[0]!).sort()).toEqual(
      ["adminCount", "createdAt", "id", "memberCount", "name", "slug", "suspendedAt"].sort(),
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

describe("inviteSchoolAdminAction", () => {
  it("invites a school's first admin for an operator: the invitation, its audit entry in the school's log, the mail in the school's language", async () => {
    const operator = await seedUser({ isOperator: true });
    const tenant = await seedTenant({ name: "Collège Sans Admin" });
    const other = await seedTenant();
    signedInAs.id = operator.id;
    const email = `first-admin-${newSlug()}@college.test`;
    const result = await inviteSchoolAdminAction(
      null,
      form({ id: tenant.id, email: `  ${email.toUpperCase()} ` }),
    );
    expect(result).toMatchObject({ ok: true, data: { email, tenantName: "Collège Sans Admin" } });
    const db = await getDb();
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    expect(invitation).toMatchObject({ tenantId: tenant.id, role: "admin", invitedById: operator.id });
    await expect(db.invitation.count({ where: { tenantId: other.id } })).resolves.toBe(0);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "member.invited" },
    });
    expect(entry).toMatchObject({ actorId: operator.id, targetLabel: email, details: { role: "admin" } });
    // A new school is French unless told otherwise, and the invitee has no account yet.
    const mail = await db.capturedMail.findFirstOrThrow({ where: { to: email } });
    expect(mail.subject).toContain("Collège Sans Admin");
    expect(mail.subject).not.toContain("You are invited");
  });

  it("refuses a tenant admin and an unknown school, inviting nobody", async () => {
    const tenant = await seedTenant();
    const admin = await seedMember(tenant.id, "admin");
    signedInAs.id = admin.id;
    const email = `sneaky-${newSlug()}@college.test`;
    expect(await inviteSchoolAdminAction(null, form({ id: tenant.id, email }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const operator = await seedUser({ isOperator: true });
    signedInAs.id = operator.id;
    expect(
      await inviteSchoolAdminAction(null, form({ id: "00000000-0000-4000-8000-000000000000", email })),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await inviteSchoolAdminAction(null, form({ id: tenant.id, email: "not-an-address" })),
    ).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    const db = await getDb();
    await expect(db.invitation.count({ where: { tenantId: tenant.id } })).resolves.toBe(0);
  });
});
