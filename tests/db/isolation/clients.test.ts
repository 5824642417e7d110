import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { deleteClientConfiguration } from "@/lib/clients/delete-client-configuration";
import { duplicateClientConfiguration } from "@/lib/clients/duplicate-client-configuration";
import { getClientConfiguration } from "@/lib/clients/get-client-configuration";
import { listClientConfigurations } from "@/lib/clients/list-client-configurations";
import { testClientConfiguration } from "@/lib/clients/test-client-configuration";
import { updateClientConfiguration } from "@/lib/clients/update-client-configuration";
import { getDb } from "@/lib/db/client";
import { contextFor, seedTenantWithPeople } from "../../support/factories";
import { useTestDatabase } from "../../support/test-db";
import { form, expectDomainError } from "../../support/action-helpers";

// The actions run outside a request here: the session, the headers and the cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const actions = await import("@/lib/clients/client-actions");

process.env.RELAIS_ENCRYPTION_KEY = randomBytes(32).toString("base64");

useTestDatabase();

const googleForm = (name: string) => ({
  name,
  provider: "google",
  clientId: "client.apps.googleusercontent.com",
  clientSecret: "a-google-secret-value",
  authorizationEndpoint: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenEndpoint: "https://oauth2.googleapis.com/token",
  scopes: "https://mail.google.com/",
  defaultFlow: "authorization_code",
  pkce: "true",
  smtpHost: "smtp.gmail.com",
  smtpPort: "465",
  smtpSecurity: "tls",
});

/** Tenant A's admin, and tenant B with a configuration of its own. */
async function twoTenants() {
  const a = await seedTenantWithPeople();
  const b = await seedTenantWithPeople();
  const ctxA = await contextFor(a.admin, a.tenant, "clients.write");
  const ctxB = await contextFor(b.admin, b.tenant, "clients.write");
  const bConfig = await createClientConfiguration(ctxB, googleForm("B's Google"));
  return { a, b, ctxA, bConfig };
}

async function snapshotOf(tenantId: string) {
  const db = await getDb();
  return {
    configurations: await db.clientConfiguration.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    audit: await db.auditEntry.count({ where: { tenantId } }),
  };
}

beforeEach(() => {
  signedInAs.id = null;
});

describe("client configuration entry points, acting as tenant A with tenant B's ids", () => {
  const entryPoints: [string, (ctx: TenantContext, id: string) => Promise<unknown>][] = [
    ["getClientConfiguration", (ctx, id) => getClientConfiguration(ctx, id)],
    ["updateClientConfiguration", (ctx, id) => updateClientConfiguration(ctx, id, googleForm("Taken over"))],
    ["duplicateClientConfiguration", (ctx, id) => duplicateClientConfiguration(ctx, { id }, "en")],
    ["deleteClientConfiguration", (ctx, id) => deleteClientConfiguration(ctx, { id })],
    ["testClientConfiguration", (ctx, id) => testClientConfiguration(ctx, { id })],
  ];

  for (const [name, call] of entryPoints) {
    it(`${name} answers not found and leaves B unchanged`, async () => {
      const { b, ctxA, bConfig } = await twoTenants();
      const before = await snapshotOf(b.tenant.id);
      await expectDomainError(call(ctxA, bConfig.id), "not_found");
      // A malformed id is "not found" too, not a database error.
      await expectDomainError(call(ctxA, "not-a-uuid"), "not_found");
      expect(await snapshotOf(b.tenant.id)).toEqual(before);
    });
  }

  it("listClientConfigurations never shows B's configurations", async () => {
    const { ctxA } = await twoTenants();
    await createClientConfiguration(ctxA, googleForm("A's Google"));
    expect((await listClientConfigurations(ctxA)).map((c) => c.name)).toEqual(["A's Google"]);
  });

  it("a configuration may take a name B uses: names are unique per tenant only", async () => {
    const { ctxA } = await twoTenants();
    await expect(createClientConfiguration(ctxA, googleForm("B's Google"))).resolves.toMatchObject({
      name: "B's Google",
    });
  });

  it("the server actions answer not found for B's ids, and for B's tenant", async () => {
    const { a, b, bConfig } = await twoTenants();
    const before = await snapshotOf(b.tenant.id);
    signedInAs.id = a.admin.id;
    const idForms = [
      actions.updateClientConfigurationAction,
      actions.duplicateClientConfigurationAction,
      actions.deleteClientConfigurationAction,
      actions.testClientConfigurationAction,
    ];
    for (const action of idForms) {
      for (const tenant of [a.tenant.slug, b.tenant.slug]) {
        const result = await action(null, form({ tenant, id: bConfig.id, ...googleForm("Taken over") }));
        expect(result).toMatchObject({ ok: false, code: "not_found" });
      }
    }
    const created = await actions.createClientConfigurationAction(
      null,
      form({ tenant: b.tenant.slug, ...googleForm("Planted") }),
    );
    expect(created).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshotOf(b.tenant.id)).toEqual(before);
  });
});

describe("a member who is not an admin", () => {
  it("cannot reach client configurations, directly or through the actions", async () => {
    const { a, ctxA } = await twoTenants();
    const own = await createClientConfiguration(ctxA, googleForm("A's Google"));
    await expectDomainError(contextFor(a.member, a.tenant, "clients.read"), "forbidden");
    await expectDomainError(contextFor(a.member, a.tenant, "clients.write"), "forbidden");
    // A context made for another permission does not open them either.
    const memberCtx = await contextFor(a.member, a.tenant, "tenant.read");
    await expectDomainError(listClientConfigurations(memberCtx), "forbidden");
    await expectDomainError(getClientConfiguration(memberCtx, own.id), "forbidden");
    await expectDomainError(createClientConfiguration(memberCtx, googleForm("Member's")), "forbidden");
    await expectDomainError(updateClientConfiguration(memberCtx, own.id, googleForm("Renamed")), "forbidden");
    await expectDomainError(duplicateClientConfiguration(memberCtx, { id: own.id }, "en"), "forbidden");
    await expectDomainError(deleteClientConfiguration(memberCtx, { id: own.id }), "forbidden");
    await expectDomainError(testClientConfiguration(memberCtx, { id: own.id }), "forbidden");

    const before = await snapshotOf(a.tenant.id);
    signedInAs.id = a.member.id;
    const result = await actions.deleteClientConfigurationAction(
      null,
      form({ tenant: a.tenant.slug, id: own.id }),
    );
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshotOf(a.tenant.id)).toEqual(before);
  });
});
