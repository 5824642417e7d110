import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import type { ClientConfigurationForm } from "@/lib/clients/client-configuration-form";
import { presetFormValues, type ClientFormValues, type PresetChoice } from "@/lib/clients/client-form-values";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { getClientConfiguration } from "@/lib/clients/get-client-configuration";
import { updateClientConfiguration } from "@/lib/clients/update-client-configuration";
import { createConnectLinks } from "@/lib/connect-links/create-connect-links";
import { getDb } from "@/lib/db/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { createMailbox } from "@/lib/mailboxes/create-mailbox";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { updateMailbox } from "@/lib/mailboxes/update-mailbox";
import { storeConnectionTokens } from "@/lib/oauth-flow/store-connection-tokens";
import { issuedToNow } from "../support/issued-to";
import { runBulkAction } from "@/lib/mailboxes/bulk/run-bulk-action";
import { listReconsentMailboxes } from "@/lib/mailboxes/list-reconsent-mailboxes";
import { GRAPH_MAIL_SEND_SCOPE, GRAPH_MAIL_SEND_SHARED_SCOPE } from "@/lib/oauth/presets";
import { GMAIL_SEND_SCOPE, type MailTransport } from "@/lib/transports/mail-transports";
import { switchTransport } from "@/lib/transports/switch-transport";
import { presetScopesFor } from "@/lib/transports/transport-scopes";
import { form } from "../support/action-helpers";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";
import { readable } from "../support/captured-mail";

// The server actions run outside a request here: the session, the headers and the cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const actions = await import("@/lib/transports/transport-actions");

process.env.RELAIS_ENCRYPTION_KEY = randomBytes(32).toString("base64");
delete process.env.RELAIS_ENCRYPTION_KEYS;
delete process.env.RELAIS_ALLOW_LOCAL_PROVIDERS;
delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID;
delete process.env.RELAIS_SMTP_URL;
process.env.NEXTAUTH_URL = "https://relais.example.test/";

useTestDatabase();

beforeEach(() => {
  signedInAs.id = null;
});

const SMTP_SEND = "https://outlook.office.com/SMTP.Send";

async function school() {
  const people = await seedTenantWithPeople();
  const microsoft = await seedClientConfiguration(people.tenant.id, {
    name: "Microsoft",
    provider: "microsoft",
  });
  const ctx = await contextFor(people.admin, people.tenant, "clients.write");
  return { ...people, microsoft, ctx };
}

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** A connection as the OAuth flow leaves it, with what was granted and, when given, how it stopped. */
async function connected(
  tenantId: string,
  configurationId: string,
  address: string,
  grantedScopes: string[],
  extra: {
    state?: ConnectionState;
    lastErrorCode?: string;
    transport?: MailTransport;
    delegateAccount?: string;
  } = {},
) {
  const mailbox = await seedMailbox(tenantId, configurationId, {
    address,
    state: "connected",
    grantedScopes,
  });
  const db = await getDb();
  return db.mailbox.update({
    where: { id: mailbox.id },
    data: {
      state: extra.state ?? "connected",
      lastErrorCode: extra.lastErrorCode ?? null,
      lastErrorAt: extra.lastErrorCode ? new Date() : null,
      transport: extra.transport ?? null,
      delegateAccount: extra.delegateAccount ?? null,
    },
  });
}

/** A mail of the mailbox waiting, as the worker holds it while the mailbox cannot send. */
async function heldMail(tenantId: string, mailboxId: string) {
  const db = await getDb();
  return db.outgoingMail.create({
    data: {
      tenantId,
      mailboxId,
      messageId: `<${randomBytes(8).toString("hex")}@relais.test>`,
      source: "api",
      to: ["parent@example.org"],
      cc: [],
      bcc: [],
      subject: "Absence",
      text: "Hello",
      sizeBytes: 100,
      recipientCount: 1,
      status: "held",
      lastError: "smtp_auth_disabled: 535 5.7.139",
    },
  });
}

async function mailboxRow(id: string) {
  const db = await getDb();
  return db.mailbox.findUniqueOrThrow({ where: { id } });
}

async function mailStatus(id: string) {
  const db = await getDb();
  return (await db.outgoingMail.findUniqueOrThrow({ where: { id } })).status;
}

async function auditOf(tenantId: string) {
  const db = await getDb();
  const entries = await db.auditEntry.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
  return entries.map((e) => ({ action: e.action, targetLabel: e.targetLabel, details: e.details }));
}

describe("switching a whole configuration to another transport", () => {
  it("marks the grants that lack Graph's Mail.Send, resumes those stopped by SMTP AUTH, and audits it", async () => {
    const { ctx, tenant, microsoft } = await school();
    const smtpOnly = await connected(tenant.id, microsoft.id, "smtp-only@lycee.test", [SMTP_SEND]);
    const heldOfSmtpOnly = await heldMail(tenant.id, smtpOnly.id);
    // SMTP AUTH off for it; it had already granted Mail.Send (reported by its short name).
    const stopped = await connected(tenant.id, microsoft.id, "stopped@lycee.test", [SMTP_SEND, "Mail.Send"], {
      state: "config_error",
      lastErrorCode: "smtp_auth_disabled",
    });
    const heldOfStopped = await heldMail(tenant.id, stopped.id);
    const ready = await connected(tenant.id, microsoft.id, "ready@lycee.test", [GRAPH_MAIL_SEND_SCOPE]);
    const shared = await connected(
      tenant.id,
      microsoft.id,
      "secretariat@lycee.test",
      [GRAPH_MAIL_SEND_SCOPE],
      {
        delegateAccount: "jean@lycee.test",
      },
    );
    const pending = await seedMailbox(tenant.id, microsoft.id, { address: "pending@lycee.test" });
    // Its own transport: the configuration's change does not touch it.
    const own = await connected(tenant.id, microsoft.id, "own@lycee.test", [SMTP_SEND], {
      transport: "smtp",
    });
    // Broken for another reason (the secret): marked too, its grant lacks the new scope.
    const refused = await connected(tenant.id, microsoft.id, "refused@lycee.test", [SMTP_SEND], {
      state: "config_error",
      lastErrorCode: "secret_expired",
    });

    const result = await switchTransport(ctx, {
      target: "configuration",
      id: microsoft.id,
      transport: "graph",
    });
    expect(result).toMatchObject({ transport: "graph", changed: true, releasedMail: 1 });
    expect(result.mustReconsent.map((m) => m.address).sort()).toEqual([
      "refused@lycee.test",
      "secretariat@lycee.test",
      "smtp-only@lycee.test",
    ]);
    expect(result.mustReconsent.find((m) => m.address === "secretariat@lycee.test")?.delegateAccount).toBe(
      "jean@lycee.test",
    );
    expect(result.resumed).toEqual([{ id: stopped.id, address: "stopped@lycee.test" }]);

    const db = await getDb();
    const config = await db.clientConfiguration.findUniqueOrThrow({ where: { id: microsoft.id } });
    expect(config).toMatchObject({
      transport: "graph",
      apiBaseUrl: null,
      scopes: presetScopesFor("microsoft", "graph"),
    });
    for (const m of [smtpOnly, shared, refused]) {
      expect(await mailboxRow(m.id)).toMatchObject({
        state: "insufficient_scope",
        lastErrorCode: "transport_needs_consent",
      });
    }
    // The grant is kept: reconnecting asks for the new permission, and finds the rest granted.
    expect((await mailboxRow(smtpOnly.id)).refreshTokenCipher).not.toBeNull();
    expect(await mailboxRow(stopped.id)).toMatchObject({ state: "connected", lastErrorCode: null });
    expect(await mailboxRow(ready.id)).toMatchObject({ state: "connected" });
    expect(await mailboxRow(pending.id)).toMatchObject({ state: "pending" });
    expect(await mailboxRow(own.id)).toMatchObject({ state: "connected", transport: "smtp" });
    expect(await mailStatus(heldOfStopped.id)).toBe("queued");
    expect(await mailStatus(heldOfSmtpOnly.id)).toBe("held");

    const audit = await auditOf(tenant.id);
    expect(audit[0]).toEqual({
      action: "client.updated",
      targetLabel: "Microsoft",
      details: {
        changed: ["transport", "scopes"],
        transport: { from: "smtp", to: "graph" },
        mustReconsent: 3,
        resumed: 1,
        releasedMail: 1,
      },
    });
    expect(
      audit
        .slice(1)
        .map((e) => [e.targetLabel, (e.details as { state: { to: string } }).state.to])
        .sort(),
    ).toEqual([
      ["refused@lycee.test", "insufficient_scope"],
      ["secretariat@lycee.test", "insufficient_scope"],
      ["smtp-only@lycee.test", "insufficient_scope"],
      ["stopped@lycee.test", "connected"],
    ]);

    // The configuration's page lists them.
    const listed = await listReconsentMailboxes(ctx, microsoft.id);
    expect(listed.total).toBe(3);
    expect(listed.mailboxes.map((m) => [m.address, m.transport])).toEqual([
      ["refused@lycee.test", "graph"],
      ["secretariat@lycee.test", "graph"],
      ["smtp-only@lycee.test", "graph"],
    ]);

    // Again: nothing to change, nothing written, the same ones still wait.
    const again = await switchTransport(ctx, {
      target: "configuration",
      id: microsoft.id,
      transport: "graph",
    });
    expect(again.changed).toBe(false);
    expect(again.mustReconsent).toHaveLength(3);
    expect(await auditOf(tenant.id)).toHaveLength(audit.length);
  });

  it("releases the held mail of a marked mailbox when it reconnects with the new permission", async () => {
    const { ctx, tenant, microsoft } = await school();
    const mailbox = await connected(tenant.id, microsoft.id, "office@lycee.test", [SMTP_SEND]);
    const held = await heldMail(tenant.id, mailbox.id);
    await switchTransport(ctx, { target: "configuration", id: microsoft.id, transport: "graph" });
    expect(await mailStatus(held.id)).toBe("held");
    await storeConnectionTokens({
      by: { tenantId: tenant.id, userId: null, email: mailbox.address, ip: null },
      tenantId: tenant.id,
      mailboxId: mailbox.id,
      mailboxAddress: mailbox.address,
      tokens: { access_token: "new-access-token", expires_in: 3600 },
      grantedScopes: [GRAPH_MAIL_SEND_SCOPE],
      authorizedAccount: mailbox.address,
      state: "connected",
      flow: "authorization_code",
      connectLinkId: null,
      issuedTo: await issuedToNow(mailbox.id),
    });
    expect(await mailStatus(held.id)).toBe("queued");
    expect((await listReconsentMailboxes(ctx, microsoft.id)).total).toBe(0);
  });

  it("switching back lets those still waiting send again when their grant suffices", async () => {
    const { ctx, tenant, microsoft } = await school();
    const mailbox = await connected(tenant.id, microsoft.id, "office@lycee.test", [SMTP_SEND]);
    const held = await heldMail(tenant.id, mailbox.id);
    await switchTransport(ctx, { target: "configuration", id: microsoft.id, transport: "graph" });
    const back = await switchTransport(ctx, { target: "configuration", id: microsoft.id, transport: "smtp" });
    expect(back).toMatchObject({ changed: true, mustReconsent: [], releasedMail: 1 });
    expect(await mailboxRow(mailbox.id)).toMatchObject({ state: "connected", lastErrorCode: null });
    expect(await mailStatus(held.id)).toBe("queued");
    const db = await getDb();
    expect((await db.clientConfiguration.findUniqueOrThrow({ where: { id: microsoft.id } })).scopes).toEqual(
      presetScopesFor("microsoft", "smtp"),
    );
  });

  it("refuses a transport the provider does not offer, and an HTTP API without an address for a custom provider", async () => {
    const { ctx, tenant, microsoft } = await school();
    const wrong = await errorOf(
      switchTransport(ctx, { target: "configuration", id: microsoft.id, transport: "gmail_api" }),
    );
    expect(wrong.fieldErrors).toEqual({ transport: "clients.validation.transportNotOffered" });
    const db = await getDb();
    const custom = await db.clientConfiguration.create({
      data: {
        tenantId: tenant.id,
        name: "Custom",
        provider: "custom",
        scopes: ["send"],
        smtpHost: "smtp.example.org",
        smtpPort: 587,
        smtpSecurity: "starttls",
      },
    });
    const noBase = await errorOf(
      switchTransport(ctx, { target: "configuration", id: custom.id, transport: "graph" }),
    );
    expect(noBase.messageKey).toBe("clients.switch.apiBaseUrlMissing");
    expect((await db.clientConfiguration.findUniqueOrThrow({ where: { id: microsoft.id } })).transport).toBe(
      "smtp",
    );
    expect(await auditOf(tenant.id)).toEqual([]);
  });
});

describe("switching one mailbox", () => {
  it("sends a mailbox whose SMTP AUTH is off through Graph: an override, and a consent when its grant lacks Mail.Send", async () => {
    const { ctx, tenant, microsoft } = await school();
    const mailbox = await connected(tenant.id, microsoft.id, "office@lycee.test", [SMTP_SEND], {
      state: "config_error",
      lastErrorCode: "smtp_auth_disabled",
    });
    const held = await heldMail(tenant.id, mailbox.id);
    const result = await switchTransport(ctx, { target: "mailbox", id: mailbox.id, transport: "graph" });
    expect(result).toMatchObject({ changed: true, releasedMail: 0, resumed: [] });
    expect(result.mustReconsent.map((m) => m.address)).toEqual(["office@lycee.test"]);
    expect(await mailboxRow(mailbox.id)).toMatchObject({
      transport: "graph",
      state: "insufficient_scope",
      lastErrorCode: "transport_needs_consent",
    });
    expect(await mailStatus(held.id)).toBe("held");
    expect((await auditOf(tenant.id)).at(-1)).toEqual({
      action: "mailbox.updated",
      targetLabel: "office@lycee.test",
      details: {
        transport: { from: "smtp", to: "graph" },
        followsConfiguration: false,
        state: { from: "config_error", to: "insufficient_scope" },
      },
    });
    // Its page asks for Graph's permission, and says it is missing.
    const page = await getMailbox(ctx, mailbox.id);
    expect(page.effectiveTransport).toBe("graph");
    expect(page.requiredScopes).toContain(GRAPH_MAIL_SEND_SCOPE);
    expect(page.requiredScopes).not.toContain(SMTP_SEND);
    expect(page.missingScopes).toEqual([GRAPH_MAIL_SEND_SCOPE]);

    // Its configuration's transport again: no override.
    await switchTransport(ctx, { target: "mailbox", id: mailbox.id, transport: "smtp" });
    expect(await mailboxRow(mailbox.id)).toMatchObject({ transport: null, state: "connected" });
    expect(await mailStatus(held.id)).toBe("queued");
  });

  it("resumes at once a mailbox that had already granted Mail.Send", async () => {
    const { ctx, tenant, microsoft } = await school();
    const mailbox = await connected(
      tenant.id,
      microsoft.id,
      "office@lycee.test",
      [SMTP_SEND, GRAPH_MAIL_SEND_SCOPE],
      {
        state: "config_error",
        lastErrorCode: "smtp_auth_disabled",
      },
    );
    const held = await heldMail(tenant.id, mailbox.id);
    const result = await switchTransport(ctx, { target: "mailbox", id: mailbox.id, transport: "graph" });
    expect(result).toMatchObject({ mustReconsent: [], releasedMail: 1 });
    expect(await mailboxRow(mailbox.id)).toMatchObject({ transport: "graph", state: "connected" });
    expect(await mailStatus(held.id)).toBe("queued");
  });
});

describe("tenant isolation of a transport switch", () => {
  it("refuses another school's configuration and mailbox ids, and changes nothing there", async () => {
    const a = await school();
    const b = await school();
    const bMailbox = await connected(b.tenant.id, b.microsoft.id, "office@b.test", [SMTP_SEND], {
      state: "config_error",
      lastErrorCode: "smtp_auth_disabled",
    });
    for (const input of [
      { target: "configuration" as const, id: b.microsoft.id },
      { target: "mailbox" as const, id: bMailbox.id },
      { target: "mailbox" as const, id: "not-a-uuid" },
    ]) {
      expect((await errorOf(switchTransport(a.ctx, { ...input, transport: "graph" }))).code).toBe(
        "not_found",
      );
    }
    expect(await listReconsentMailboxes(a.ctx, b.microsoft.id)).toEqual({ total: 0, mailboxes: [] });
    // Through the server actions, signed in as A's admin with B's ids.
    signedInAs.id = a.admin.id;
    for (const [action, id] of [
      [actions.switchConfigurationTransportAction, b.microsoft.id],
      [actions.switchMailboxTransportAction, bMailbox.id],
    ] as const) {
      const answer = await action(null, form({ tenant: a.tenant.slug, id, transport: "graph" }));
      expect(answer).toMatchObject({ ok: false, code: "not_found" });
    }
    const db = await getDb();
    expect(
      (await db.clientConfiguration.findUniqueOrThrow({ where: { id: b.microsoft.id } })).transport,
    ).toBe("smtp");
    expect(await mailboxRow(bMailbox.id)).toMatchObject({ transport: null, state: "config_error" });
    expect(await auditOf(b.tenant.id)).toEqual([]);
  });

  it("is for administrators only", async () => {
    const { tenant, member, microsoft } = await school();
    const mailbox = await connected(tenant.id, microsoft.id, "office@lycee.test", [SMTP_SEND]);
    const ctx: TenantContext = await contextFor(member, tenant);
    for (const target of [
      { target: "configuration" as const, id: microsoft.id },
      { target: "mailbox" as const, id: mailbox.id },
    ]) {
      expect((await errorOf(switchTransport(ctx, { ...target, transport: "graph" }))).code).toBe("forbidden");
    }
    signedInAs.id = member.id;
    const answer = await actions.switchMailboxTransportAction(
      null,
      form({ tenant: tenant.slug, id: mailbox.id, transport: "graph" }),
    );
    expect(answer).toMatchObject({ ok: false, code: "forbidden" });
  });
});

/** The configuration form as the browser posts it, from a preset's starting values. */
function formOf(choice: PresetChoice, overrides: ClientConfigurationForm = {}): ClientConfigurationForm {
  const values = presetFormValues(
    choice,
    `${choice.preset} ${randomBytes(3).toString("hex")}`,
  ) as ClientFormValues;
  return { ...values, pkce: String(values.pkce), googleTesting: String(values.googleTesting), ...overrides };
}

const googleForm = (overrides: ClientConfigurationForm = {}) =>
  formOf(
    { preset: "google" },
    { clientId: "1234-abc.apps.googleusercontent.com", clientSecret: "GOCSPX-x", ...overrides },
  );
const microsoftForm = (overrides: ClientConfigurationForm = {}) =>
  formOf({ preset: "microsoft", directory: "organizations" }, { clientId: "ms-client", ...overrides });
const customForm = (overrides: ClientConfigurationForm = {}) =>
  formOf(
    { preset: "custom" },
    {
      clientId: "custom-client",
      clientSecret: "custom-secret",
      authorizationEndpoint: "https://id.example.org/authorize",
      tokenEndpoint: "https://id.example.org/token",
      scopes: "mail.send",
      smtpHost: "smtp.example.org",
      ...overrides,
    },
  );

describe("configuration forms with each transport", () => {
  it("stores the presets' transports with their scopes, the API address fixed (null)", async () => {
    const { ctx } = await school();
    const gmail = await createClientConfiguration(
      ctx,
      googleForm({
        transport: "gmail_api",
        scopes: presetScopesFor("google", "gmail_api").join("\n"),
        // Not the form's: a preset's address is the provider's own, whatever is posted.
        apiBaseUrl: "https://gmail.example.org",
      }),
    );
    expect(gmail.warnings).toEqual([]);
    const graph = await createClientConfiguration(
      ctx,
      microsoftForm({ transport: "graph", scopes: presetScopesFor("microsoft", "graph").join(" ") }),
    );
    expect(graph.warnings).toEqual([]);
    const smtp = await createClientConfiguration(ctx, microsoftForm());
    const db = await getDb();
    const rows = await db.clientConfiguration.findMany({
      where: { id: { in: [gmail.id, graph.id, smtp.id] } },
      select: { id: true, transport: true, apiBaseUrl: true, scopes: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(gmail.id)).toMatchObject({
      transport: "gmail_api",
      apiBaseUrl: null,
      scopes: [GMAIL_SEND_SCOPE, "openid", "email"],
    });
    expect(byId.get(graph.id)).toMatchObject({
      transport: "graph",
      apiBaseUrl: null,
      scopes: [GRAPH_MAIL_SEND_SCOPE, "offline_access", "openid", "email"],
    });
    expect(byId.get(smtp.id)).toMatchObject({ transport: "smtp", apiBaseUrl: null });
    expect((await getClientConfiguration(ctx, graph.id)).transport).toBe("graph");
  });

  it("warns about the sending scope of the chosen transport, and refuses one the provider lacks", async () => {
    const { ctx } = await school();
    const gmail = await createClientConfiguration(ctx, googleForm({ transport: "gmail_api" }));
    // The full mail scope is SMTP's: the Gmail API is asked for gmail.send.
    expect(gmail.warnings).toEqual(["clients.warnings.gmailSendScopeMissing"]);
    const graph = await createClientConfiguration(ctx, microsoftForm({ transport: "graph" }));
    expect(graph.warnings).toEqual(["clients.warnings.graphMailSendScopeMissing"]);
    // Graph's short name is Graph's scope too.
    const short = await createClientConfiguration(
      ctx,
      microsoftForm({ transport: "graph", scopes: "Mail.Send offline_access openid email" }),
    );
    expect(short.warnings).toEqual([]);
    expect((await getClientConfiguration(ctx, gmail.id)).warnings).toEqual([
      "clients.warnings.gmailSendScopeMissing",
    ]);
    const refused = await errorOf(createClientConfiguration(ctx, microsoftForm({ transport: "gmail_api" })));
    expect(refused.fieldErrors).toEqual({ transport: "clients.validation.transportNotOffered" });
    const unknown = await errorOf(
      createClientConfiguration(ctx, microsoftForm({ transport: "carrier_pigeon" })),
    );
    expect(unknown.fieldErrors).toEqual({ transport: "clients.validation.transportInvalid" });
  });

  it("requires a custom configuration's API address for an HTTP transport, guarded like every endpoint", async () => {
    const { ctx } = await school();
    const missing = await errorOf(createClientConfiguration(ctx, customForm({ transport: "graph" })));
    expect(missing.fieldErrors).toEqual({ apiBaseUrl: "clients.validation.apiBaseUrlRequired" });
    for (const [apiBaseUrl, problem] of [
      ["http://127.0.0.1:4020", "clients.validation.urlNotHttps"],
      ["https://192.168.1.10/graph", "clients.validation.urlPrivateHost"],
      ["https://localhost/graph", "clients.validation.urlPrivateHost"],
      ["https://user:pw@graph.example.org", "clients.validation.urlHasCredentials"],
    ] as const) {
      const refused = await errorOf(
        createClientConfiguration(ctx, customForm({ transport: "graph", apiBaseUrl })),
      );
      expect({ apiBaseUrl, errors: refused.fieldErrors }).toEqual({
        apiBaseUrl,
        errors: { apiBaseUrl: problem },
      });
    }
    const created = await createClientConfiguration(
      ctx,
      customForm({ transport: "gmail_api", apiBaseUrl: "https://mail-api.example.org/" }),
    );
    const db = await getDb();
    expect(await db.clientConfiguration.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      transport: "gmail_api",
      apiBaseUrl: "https://mail-api.example.org/",
    });
    // The fakes on this machine, when local providers are allowed (tests, the demo).
    process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
    try {
      const local = await createClientConfiguration(
        ctx,
        customForm({ transport: "graph", apiBaseUrl: "http://127.0.0.1:4020" }),
      );
      expect((await db.clientConfiguration.findUniqueOrThrow({ where: { id: local.id } })).apiBaseUrl).toBe(
        "http://127.0.0.1:4020",
      );
    } finally {
      delete process.env.RELAIS_ALLOW_LOCAL_PROVIDERS;
    }
  });

  it("switches the transport through the edit form: marks who must consent again, audits from → to", async () => {
    const { ctx, tenant } = await school();
    const created = await createClientConfiguration(ctx, microsoftForm({ name: "Staff" }));
    const mailbox = await connected(tenant.id, created.id, "office@lycee.test", [SMTP_SEND]);
    // An older caller that does not name the transport keeps it.
    const kept = await updateClientConfiguration(ctx, created.id, {
      ...microsoftForm({ name: "Staff" }),
      transport: undefined,
    });
    expect(kept).toMatchObject({ changed: [], mustReconsent: 0 });
    const saved = await updateClientConfiguration(
      ctx,
      created.id,
      microsoftForm({
        name: "Staff",
        transport: "graph",
        scopes: presetScopesFor("microsoft", "graph").join("\n"),
      }),
    );
    expect(saved).toMatchObject({ mustReconsent: 1, warnings: [] });
    expect(saved.changed.sort()).toEqual(["scopes", "transport"]);
    expect(await mailboxRow(mailbox.id)).toMatchObject({
      state: "insufficient_scope",
      lastErrorCode: "transport_needs_consent",
    });
    const audit = await auditOf(tenant.id);
    expect(audit.at(-2)).toMatchObject({
      action: "client.updated",
      details: { transport: { from: "smtp", to: "graph" }, mustReconsent: 1, resumed: 0 },
    });
    expect(audit.at(-1)).toMatchObject({
      action: "mailbox.updated",
      targetLabel: "office@lycee.test",
      details: { state: { from: "connected", to: "insufficient_scope" }, viaConfiguration: true },
    });
    expect((await listReconsentMailboxes(ctx, created.id)).mailboxes.map((m) => m.address)).toEqual([
      "office@lycee.test",
    ]);
  });
});

describe("a mailbox's transport and delegate", () => {
  async function withMailboxes() {
    const setup = await school();
    const ctx = await contextFor(setup.admin, setup.tenant, "mailboxes.write");
    return { ...setup, ctx };
  }
  const base = (clientConfigurationId: string) => ({ displayName: "", clientConfigurationId, members: [] });

  it("stores a delegate lower-cased and a transport only when it differs from the configuration's", async () => {
    const { ctx, tenant, microsoft } = await withMailboxes();
    const shared = await createMailbox(ctx, {
      ...base(microsoft.id),
      address: "Secretariat@Lycee.test",
      delegateAccount: "  Jean.Dupont@Lycee.TEST ",
      transport: "graph",
    });
    const plain = await createMailbox(ctx, {
      ...base(microsoft.id),
      address: "office@lycee.test",
      transport: "smtp",
    });
    expect(await mailboxRow(shared.id)).toMatchObject({
      address: "secretariat@lycee.test",
      delegateAccount: "jean.dupont@lycee.test",
      transport: "graph",
      state: "pending",
    });
    expect(await mailboxRow(plain.id)).toMatchObject({ delegateAccount: null, transport: null });
    const audit = await auditOf(tenant.id);
    expect(audit[0]?.details).toEqual({
      configuration: "Microsoft",
      members: [],
      transport: "graph",
      delegateAccount: "jean.dupont@lycee.test",
    });
    expect(audit[1]?.details).toEqual({ configuration: "Microsoft", members: [] });
    // A delegate's consent asks Graph for Mail.Send.Shared as well.
    expect((await getMailbox(ctx, shared.id)).requiredScopes).toEqual(
      expect.arrayContaining([GRAPH_MAIL_SEND_SCOPE, GRAPH_MAIL_SEND_SHARED_SCOPE]),
    );
  });

  it("refuses a delegate that is no address or the mailbox itself, and a transport the provider lacks", async () => {
    const { ctx, tenant, microsoft } = await withMailboxes();
    const cases = [
      [{ delegateAccount: "jean at lycee" }, { delegateAccount: "mailboxes.form.delegateInvalid" }],
      [{ delegateAccount: "OFFICE@lycee.test" }, { delegateAccount: "mailboxes.form.delegateSameAsAddress" }],
      [{ transport: "gmail_api" as const }, { transport: "mailboxes.form.transportNotOffered" }],
    ] as const;
    for (const [extra, fieldErrors] of cases) {
      const error = await errorOf(
        createMailbox(ctx, { ...base(microsoft.id), address: "office@lycee.test", ...extra }),
      );
      expect(error.fieldErrors).toEqual(fieldErrors);
    }
    const db = await getDb();
    expect(await db.mailbox.count({ where: { tenantId: tenant.id } })).toBe(0);
    const mailbox = await seedMailbox(tenant.id, microsoft.id, { address: "office@lycee.test" });
    const error = await errorOf(
      updateMailbox(ctx, {
        id: mailbox.id,
        displayName: "",
        clientConfigurationId: microsoft.id,
        delegateAccount: "office@lycee.test",
      }),
    );
    expect(error.fieldErrors).toEqual({ delegateAccount: "mailboxes.form.delegateSameAsAddress" });
  });

  it("erases the connection when the delegate changes: the grant was the previous account's", async () => {
    const { ctx, tenant, microsoft } = await withMailboxes();
    const mailbox = await connected(tenant.id, microsoft.id, "secretariat@lycee.test", [SMTP_SEND], {
      delegateAccount: "jean@lycee.test",
    });
    const result = await updateMailbox(ctx, {
      id: mailbox.id,
      displayName: "Secrétariat",
      clientConfigurationId: microsoft.id,
      delegateAccount: "Marie@Lycee.test",
      transport: null,
    });
    expect(result).toMatchObject({ moved: false, delegateChanged: true, disconnected: true });
    expect(await mailboxRow(mailbox.id)).toMatchObject({
      delegateAccount: "marie@lycee.test",
      state: "pending",
      accessTokenCipher: null,
      refreshTokenCipher: null,
      grantedScopes: [],
      authorizedAccount: null,
      connectedAt: null,
    });
    expect((await auditOf(tenant.id)).at(-1)).toMatchObject({
      action: "mailbox.updated",
      details: {
        delegateAccount: { from: "jean@lycee.test", to: "marie@lycee.test" },
        previousState: "connected",
        disconnected: true,
      },
    });
    // Removing the delegate is a change of account too.
    await updateMailbox(ctx, {
      id: mailbox.id,
      displayName: "Secrétariat",
      clientConfigurationId: microsoft.id,
      delegateAccount: "",
    });
    expect(await mailboxRow(mailbox.id)).toMatchObject({ delegateAccount: null, state: "pending" });
  });

  it("keeps the connection when only the transport changes, asking for a consent the grant lacks", async () => {
    const { ctx, tenant, microsoft } = await withMailboxes();
    const mailbox = await connected(tenant.id, microsoft.id, "office@lycee.test", [SMTP_SEND], {
      delegateAccount: "jean@lycee.test",
    });
    const result = await updateMailbox(ctx, {
      id: mailbox.id,
      displayName: "",
      clientConfigurationId: microsoft.id,
      transport: "graph",
      delegateAccount: "jean@lycee.test",
    });
    expect(result).toMatchObject({
      disconnected: false,
      delegateChanged: false,
      mustReconsent: true,
      transport: "graph",
    });
    const row = await mailboxRow(mailbox.id);
    expect(row).toMatchObject({
      transport: "graph",
      state: "insufficient_scope",
      lastErrorCode: "transport_needs_consent",
    });
    expect(row.refreshTokenCipher).not.toBeNull();
    expect((await auditOf(tenant.id)).at(-1)?.details).toEqual({
      transport: { from: "smtp", to: "graph" },
      followsConfiguration: false,
      state: { from: "connected", to: "insufficient_scope" },
    });
    // A caller that names neither keeps both.
    await updateMailbox(ctx, { id: mailbox.id, displayName: "Office", clientConfigurationId: microsoft.id });
    expect(await mailboxRow(mailbox.id)).toMatchObject({
      transport: "graph",
      delegateAccount: "jean@lycee.test",
      displayName: "Office",
    });
  });

  it("drops a transport of its own that the configuration it moves to cannot send through", async () => {
    const { ctx, tenant, microsoft } = await withMailboxes();
    const google = await seedClientConfiguration(tenant.id, { name: "Google", provider: "google" });
    const one = await connected(tenant.id, microsoft.id, "one@lycee.test", [SMTP_SEND], {
      transport: "graph",
    });
    const two = await connected(tenant.id, microsoft.id, "two@lycee.test", [SMTP_SEND], {
      transport: "graph",
    });
    await updateMailbox(ctx, { id: one.id, displayName: "", clientConfigurationId: google.id });
    expect(await mailboxRow(one.id)).toMatchObject({
      clientConfigurationId: google.id,
      transport: null,
      state: "pending",
    });
    await runBulkAction(ctx, {
      scope: "selection",
      ids: [two.id],
      action: "change_configuration",
      clientConfigurationId: google.id,
    });
    expect(await mailboxRow(two.id)).toMatchObject({ clientConfigurationId: google.id, transport: null });
  });

  it("mails a shared mailbox's connect link to its delegate", async () => {
    const { ctx, tenant, microsoft } = await withMailboxes();
    const mailbox = await connected(tenant.id, microsoft.id, "secretariat@lycee.test", [SMTP_SEND], {
      delegateAccount: "jean@lycee.test",
    });
    const { links } = await createConnectLinks(ctx, { ids: [mailbox.id], expiresInDays: 7 });
    expect(links).toEqual([expect.objectContaining({ address: "secretariat@lycee.test", mailed: true })]);
    const db = await getDb();
    const [mail] = (await db.capturedMail.findMany({ where: { to: "jean@lycee.test" } })).map(readable);
    // The delegate has no account that chose a language: the school's, French.
    expect(mail?.subject).toBe(`Connectez la boîte mail secretariat@lycee.test pour ${tenant.name}`);
    expect(mail?.text).toContain("connectez-vous avec votre propre compte, jean@lycee.test");
    expect(await db.capturedMail.count({ where: { to: "secretariat@lycee.test" } })).toBe(0);
    expect((await db.connectLink.findFirstOrThrow({ where: { mailboxId: mailbox.id } })).sentTo).toBe(
      "jean@lycee.test",
    );
  });
});
