import { beforeEach, describe, expect, it, vi } from "vitest";
import { createApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { authenticateApiKeyWithRights } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { expectDomainError, form } from "../support/action-helpers";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

// Server actions run outside a request here: the session and headers are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createApiKeyAction } = await import("@/lib/api-keys/api-key-actions");

useTestDatabase();

beforeEach(() => {
  signedInAs.id = null;
});

async function schoolWithMailbox() {
  const people = await seedTenantWithPeople();
  const db = await getDb();
  const config = await db.clientConfiguration.create({
    data: {
      tenantId: people.tenant.id,
      name: "Google",
      provider: "google",
      smtpHost: "smtp.gmail.com",
      smtpPort: 465,
      smtpSecurity: "tls",
      scopes: ["https://mail.google.com/"],
    },
  });
  const mailbox = await db.mailbox.create({
    data: {
      tenantId: people.tenant.id,
      address: `office-${people.tenant.slug}@lycee.test`,
      clientConfigurationId: config.id,
      state: "connected",
    },
  });
  const ctx = await contextFor(people.admin, people.tenant, "apiKeys.write");
  return { ...people, mailbox, ctx };
}

const noMailbox = createTranslator("en")("outbox.apiKeys.noMailbox");

describe("API keys that manage webhook endpoints", () => {
  it("a key may manage webhooks without any mailbox; the list and the audit log say so", async () => {
    const { ctx, tenant, mailbox } = await schoolWithMailbox();
    const hooks = await createApiKey(ctx, { name: "Webhooks only", mailboxIds: [], manageWebhooks: true });
    const both = await createApiKey(ctx, { name: "Both", mailboxIds: [mailbox.id], manageWebhooks: true });
    const mail = await createApiKey(ctx, { name: "Mail only", mailboxIds: [mailbox.id] });
    const keys = await listApiKeys(ctx);
    expect(
      keys.map((k) => ({ name: k.name, mailboxes: k.mailboxes, manageWebhooks: k.manageWebhooks })),
    ).toEqual([
      { name: "Mail only", mailboxes: [mailbox.address], manageWebhooks: false },
      { name: "Both", mailboxes: [mailbox.address], manageWebhooks: true },
      { name: "Webhooks only", mailboxes: [], manageWebhooks: true },
    ]);
    const db = await getDb();
    const audit = await db.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "api_key.created" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.details)).toEqual([
      { prefix: hooks.prefix, mailboxes: [], manageWebhooks: true },
      { prefix: both.prefix, mailboxes: [mailbox.address], manageWebhooks: true },
      { prefix: mail.prefix, mailboxes: [mailbox.address], manageWebhooks: false },
    ]);
    // Authentication tells the routes what the key may do, with its prefix for the audit log.
    expect(await authenticateApiKeyWithRights(`Bearer ${hooks.key}`)).toEqual({
      sender: { kind: "apiKey", tenantId: tenant.id, apiKeyId: hooks.id },
      prefix: hooks.prefix,
      manageWebhooks: true,
    });
    expect((await authenticateApiKeyWithRights(`Bearer ${mail.key}`))?.manageWebhooks).toBe(false);
  });

  it("a key that does not manage webhooks needs at least one mailbox", async () => {
    const { ctx, tenant } = await schoolWithMailbox();
    for (const input of [
      { name: "Nothing", mailboxIds: [] },
      { name: "Nothing", mailboxIds: [], manageWebhooks: false },
    ]) {
      await expectDomainError(createApiKey(ctx, input), "invalid_input");
      await expect(createApiKey(ctx, input)).rejects.toMatchObject({
        fieldErrors: { mailboxIds: "outbox.apiKeys.noMailbox" },
      });
    }
    const parsed = createApiKeySchema.safeParse({ name: "Nothing" });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["mailboxIds", "outbox.apiKeys.noMailbox"],
    ]);
    expect(createApiKeySchema.parse({ name: "Hooks", manageWebhooks: "on" })).toEqual({
      name: "Hooks",
      mailboxIds: [],
      manageWebhooks: true,
    });
    const db = await getDb();
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("the portal's form creates a webhooks-only key when the box is ticked, and refuses it otherwise", async () => {
    const { admin, tenant } = await schoolWithMailbox();
    signedInAs.id = admin.id;
    const refused = await createApiKeyAction(null, form({ tenant: tenant.slug, name: "Hooks" }));
    expect(refused).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { mailboxIds: noMailbox },
    });
    const done = await createApiKeyAction(
      null,
      form({ tenant: tenant.slug, name: "Hooks", manageWebhooks: "true" }),
    );
    expect(done).toMatchObject({ ok: true, data: { key: expect.stringMatching(/^relais_/) } });
    const db = await getDb();
    expect(
      await db.apiKey.findMany({
        where: { tenantId: tenant.id },
        select: { name: true, manageWebhooks: true },
      }),
    ).toEqual([{ name: "Hooks", manageWebhooks: true }]);
  });

  it("a member cannot create a key, with or without the webhooks right", async () => {
    const { member, tenant } = await schoolWithMailbox();
    signedInAs.id = member.id;
    const refused = await createApiKeyAction(
      null,
      form({ tenant: tenant.slug, name: "Hooks", manageWebhooks: "true" }),
    );
    expect(refused).toMatchObject({ ok: false });
    const db = await getDb();
    expect(await db.apiKey.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
