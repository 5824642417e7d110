import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import type { ClientConfigurationForm } from "@/lib/clients/client-configuration-form";
import { clientSecretAad } from "@/lib/clients/client-secret-aad";
import { presetFormValues, type ClientFormValues, type PresetChoice } from "@/lib/clients/client-form-values";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { deleteClientConfiguration } from "@/lib/clients/delete-client-configuration";
import { duplicateClientConfiguration } from "@/lib/clients/duplicate-client-configuration";
import { getClientConfiguration } from "@/lib/clients/get-client-configuration";
import { listClientConfigurations } from "@/lib/clients/list-client-configurations";
import { resolveClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { testClientConfiguration } from "@/lib/clients/test-client-configuration";
import { updateClientConfiguration } from "@/lib/clients/update-client-configuration";
import { decryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { oauthRedirectUri } from "@/lib/oauth/redirect-uri";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

process.env.RELAIS_ENCRYPTION_KEY = randomBytes(32).toString("base64");
delete process.env.RELAIS_ENCRYPTION_KEYS;
delete process.env.RELAIS_ALLOW_LOCAL_PROVIDERS;
delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID;

useTestDatabase();

const GOOGLE_SECRET = "GOCSPX-a-google-secret-value-9f3k";
const GUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
let counter = 0;
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${++counter}`;

/** The form as the browser posts it, from a preset's starting values. */
function formOf(choice: PresetChoice, overrides: ClientConfigurationForm = {}): ClientConfigurationForm {
  const values = presetFormValues(choice, unique(choice.preset)) as ClientFormValues;
  return { ...values, pkce: String(values.pkce), googleTesting: String(values.googleTesting), ...overrides };
}

const googleForm = (overrides: ClientConfigurationForm = {}) =>
  formOf(
    { preset: "google" },
    { clientId: "1234-abc.apps.googleusercontent.com", clientSecret: GOOGLE_SECRET, ...overrides },
  );

async function admin() {
  const people = await seedTenantWithPeople();
  return { ...people, ctx: await contextFor(people.admin, people.tenant, "clients.write") };
}

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function rowOf(id: string) {
  const db = await getDb();
  return db.clientConfiguration.findUniqueOrThrow({ where: { id } });
}

async function auditDetailsOf(tenantId: string) {
  const db = await getDb();
  const entries = await db.auditEntry.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
  return entries.map((entry) => ({ action: entry.action, details: entry.details }));
}

describe("creating from presets", () => {
  it("stores Google's preset with the secret encrypted and bound to the row", async () => {
    const { ctx, tenant } = await admin();
    const created = await createClientConfiguration(ctx, googleForm({ name: "Google staff" }));
    expect(created.warnings).toEqual([]);
    const row = await rowOf(created.id);
    expect(row).toMatchObject({
      tenantId: tenant.id,
      name: "Google staff",
      provider: "google",
      clientId: "1234-abc.apps.googleusercontent.com",
      authorizationEndpoint:
        "https://accounts.google.com/o/oauth2/v2/auth?prompt=consent&access_type=offline",
      tokenEndpoint: "https://oauth2.googleapis.com/token",
      deviceEndpoint: "https://oauth2.googleapis.com/device/code",
      revocationEndpoint: "https://oauth2.googleapis.com/revoke",
      scopes: ["https://mail.google.com/", "openid", "email"],
      defaultFlow: "authorization_code",
      pkce: true,
      smtpHost: "smtp.gmail.com",
      smtpPort: 465,
      smtpSecurity: "tls",
      microsoftDirectory: null,
      clientSecretHint: "••••9f3k",
    });
    expect(row.clientSecretCipher).toMatch(/^v1\./);
    expect(row.clientSecretCipher).not.toContain(GOOGLE_SECRET);
    expect(decryptSecret(row.clientSecretCipher!, clientSecretAad(row.id))).toBe(GOOGLE_SECRET);

    // The same ciphertext on another row does not decrypt: the associated data names the row.
    const other = await createClientConfiguration(ctx, googleForm({ clientSecret: "another-secret-value" }));
    const db = await getDb();
    await db.clientConfiguration.update({
      where: { id: other.id },
      data: { clientSecretCipher: row.clientSecretCipher },
    });
    expect(() => decryptSecret(row.clientSecretCipher!, clientSecretAad(other.id))).toThrow(
      SecretDecryptError,
    );
    expect(() => resolveClientCredentials({ ...row, id: other.id })).toThrow(DomainError);
  });

  it("stores Microsoft's preset for a directory, without a secret (public client)", async () => {
    const { ctx } = await admin();
    const created = await createClientConfiguration(
      ctx,
      formOf({ preset: "microsoft", directory: GUID.toUpperCase() }, { clientId: "a-client-id" }),
    );
    const row = await rowOf(created.id);
    const base = `https://login.microsoftonline.com/${GUID}/oauth2/v2.0`;
    expect(row).toMatchObject({
      provider: "microsoft",
      authorizationEndpoint: `${base}/authorize`,
      tokenEndpoint: `${base}/token`,
      deviceEndpoint: `${base}/devicecode`,
      revocationEndpoint: null,
      scopes: ["https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email"],
      smtpHost: "smtp.office365.com",
      smtpPort: 587,
      smtpSecurity: "starttls",
      microsoftDirectory: GUID,
      clientSecretCipher: null,
      clientSecretHint: null,
    });
    expect(created.warnings).toEqual([]);
  });
});

describe("validation", () => {
  it("refuses Google's device flow with a mail scope, naming the flow field", async () => {
    const { ctx, tenant } = await admin();
    const error = await errorOf(createClientConfiguration(ctx, googleForm({ defaultFlow: "device_code" })));
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors).toEqual({ defaultFlow: "clients.validation.googleDeviceMailScope" });
    const db = await getDb();
    expect(await db.clientConfiguration.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("refuses an empty client ID, bad URLs and an impossible port, each on its field", async () => {
    const { ctx } = await admin();
    const error = await errorOf(
      createClientConfiguration(
        ctx,
        googleForm({
          clientId: "  ",
          tokenEndpoint: "not a url",
          revocationEndpoint: "http://oauth2.example.org/revoke",
          smtpPort: "70000",
        }),
      ),
    );
    expect(error.fieldErrors).toEqual({
      clientId: "clients.validation.clientIdRequired",
      tokenEndpoint: "clients.validation.urlInvalid",
      revocationEndpoint: "clients.validation.urlNotHttps",
      smtpPort: "clients.validation.smtpPortInvalid",
    });
  });

  it("refuses a Google configuration without a secret, a bad Microsoft directory and a taken name", async () => {
    const { ctx } = await admin();
    expect(
      (await errorOf(createClientConfiguration(ctx, googleForm({ clientSecret: "" })))).fieldErrors,
    ).toEqual({
      clientSecret: "clients.validation.secretRequired",
    });
    const microsoft = formOf({ preset: "microsoft", directory: "organizations" }, { clientId: "x" });
    const badDirectory = await errorOf(
      createClientConfiguration(ctx, { ...microsoft, microsoftDirectory: "my school" }),
    );
    expect(badDirectory.fieldErrors).toEqual({ microsoftDirectory: "clients.validation.directoryInvalid" });

    await createClientConfiguration(ctx, googleForm({ name: "Main" }));
    const taken = await errorOf(createClientConfiguration(ctx, googleForm({ name: "Main" })));
    expect(taken.fieldErrors).toEqual({ name: "clients.validation.nameTaken" });
  });
});

describe("warnings", () => {
  it("warns when Google has only gmail.send and Microsoft lacks offline_access, and keeps warning after the save", async () => {
    const { ctx } = await admin();
    const google = await createClientConfiguration(
      ctx,
      googleForm({ scopes: "https://www.googleapis.com/auth/gmail.send" }),
    );
    expect(google.warnings).toEqual(["clients.warnings.googleMailScopeMissing"]);
    const microsoft = await createClientConfiguration(
      ctx,
      formOf(
        { preset: "microsoft", directory: "organizations" },
        { clientId: "m", scopes: "https://outlook.office.com/SMTP.Send openid email" },
      ),
    );
    expect(microsoft.warnings).toEqual(["clients.warnings.microsoftOfflineAccessMissing"]);

    const list = await listClientConfigurations(ctx);
    expect(Object.fromEntries(list.map((item) => [item.id, item.warnings]))).toEqual({
      [google.id]: ["clients.warnings.googleMailScopeMissing"],
      [microsoft.id]: ["clients.warnings.microsoftOfflineAccessMissing"],
    });
    expect((await getClientConfiguration(ctx, microsoft.id)).warnings).toEqual([
      "clients.warnings.microsoftOfflineAccessMissing",
    ]);
  });
});

describe("editing the secret", () => {
  async function microsoftWithSecret() {
    const setup = await admin();
    const created = await createClientConfiguration(
      setup.ctx,
      formOf(
        { preset: "microsoft", directory: "organizations" },
        { clientId: "ms-client", clientSecret: "first-secret-value-0001" },
      ),
    );
    const form = formOf(
      { preset: "microsoft", directory: "organizations" },
      { name: created.name, clientId: "ms-client" },
    );
    return { ...setup, id: created.id, form };
  }

  it("keeps the stored secret when the field is blank", async () => {
    const { ctx, id, form } = await microsoftWithSecret();
    const before = await rowOf(id);
    const result = await updateClientConfiguration(ctx, id, { ...form, clientSecret: "", scopes: "openid" });
    expect(result.secretChange).toBeNull();
    expect(result.changed).toEqual(["scopes"]);
    const after = await rowOf(id);
    expect(after.clientSecretCipher).toBe(before.clientSecretCipher);
    expect(after.scopes).toEqual(["openid"]);
  });

  it("replaces it with a new value, and removes it when asked", async () => {
    const { ctx, id, form, tenant } = await microsoftWithSecret();
    await updateClientConfiguration(ctx, id, { ...form, clientSecret: "second-secret-value-0002" });
    const replaced = await rowOf(id);
    expect(decryptSecret(replaced.clientSecretCipher!, clientSecretAad(id))).toBe("second-secret-value-0002");
    expect(replaced.clientSecretHint).toBe("••••0002");

    const both = await errorOf(
      updateClientConfiguration(ctx, id, { ...form, clientSecret: "x", clearSecret: "true" }),
    );
    expect(both.fieldErrors).toEqual({ clientSecret: "clients.validation.secretReplaceOrClear" });

    await updateClientConfiguration(ctx, id, { ...form, clearSecret: "true" });
    const cleared = await rowOf(id);
    expect([cleared.clientSecretCipher, cleared.clientSecretHint]).toEqual([null, null]);

    const updates = (await auditDetailsOf(tenant.id)).filter((entry) => entry.action === "client.updated");
    expect(updates.map((entry) => entry.details)).toEqual([
      { changed: [], clientSecret: "replaced" },
      { changed: [], clientSecret: "cleared" },
    ]);
  });

  it("refuses to clear Google's secret, which Google requires", async () => {
    const { ctx } = await admin();
    const created = await createClientConfiguration(ctx, googleForm());
    const error = await errorOf(
      updateClientConfiguration(ctx, created.id, {
        ...googleForm({ name: created.name }),
        clientSecret: "",
        clearSecret: "true",
      }),
    );
    expect(error.fieldErrors).toEqual({ clientSecret: "clients.validation.secretRequired" });
    expect((await rowOf(created.id)).clientSecretCipher).not.toBeNull();
  });

  it("gives the edit form no secret, only that there is one and its hint", async () => {
    const { ctx } = await admin();
    const created = await createClientConfiguration(ctx, googleForm());
    const details = await getClientConfiguration(ctx, created.id);
    expect(details).toMatchObject({ hasSecret: true, secretHint: "••••9f3k" });
    expect(details).not.toHaveProperty("clientSecretCipher");
    const row = await rowOf(created.id);
    expect(JSON.stringify(details)).not.toContain(row.clientSecretCipher!);
    expect(JSON.stringify(details)).not.toContain(GOOGLE_SECRET);
  });
});

describe("duplicating and deleting", () => {
  it("copies under a free name, with the secret re-encrypted for the copy", async () => {
    const { ctx } = await admin();
    const source = await createClientConfiguration(ctx, googleForm({ name: "Staff" }));
    const first = await duplicateClientConfiguration(ctx, { id: source.id }, "en");
    const second = await duplicateClientConfiguration(ctx, { id: source.id }, "en");
    const french = await duplicateClientConfiguration(ctx, { id: source.id }, "fr");
    expect([first.name, second.name, french.name]).toEqual([
      "Staff (copy)",
      "Staff (copy 2)",
      "Staff (copie)",
    ]);
    const [original, copy] = [await rowOf(source.id), await rowOf(first.id)];
    expect(copy.clientSecretCipher).not.toBe(original.clientSecretCipher);
    expect(decryptSecret(copy.clientSecretCipher!, clientSecretAad(copy.id))).toBe(GOOGLE_SECRET);
    expect(copy).toMatchObject({
      clientId: original.clientId,
      scopes: original.scopes,
      lastTestOutcome: null,
    });
  });

  it("refuses to delete a configuration that mailboxes use, naming them", async () => {
    const { ctx, tenant } = await admin();
    const created = await createClientConfiguration(ctx, googleForm());
    const db = await getDb();
    await db.mailbox.create({
      data: { tenantId: tenant.id, address: "secretariat@school.test", clientConfigurationId: created.id },
    });
    const error = await errorOf(deleteClientConfiguration(ctx, { id: created.id }));
    expect(error).toMatchObject({
      code: "conflict",
      messageKey: "clients.delete.inUse",
      vars: { count: 1, addresses: "secretariat@school.test" },
    });

    const addresses = Array.from({ length: 6 }, (_, i) => `teacher${i}@school.test`);
    await db.mailbox.createMany({
      data: addresses.map((address) => ({ tenantId: tenant.id, address, clientConfigurationId: created.id })),
    });
    const many = await errorOf(deleteClientConfiguration(ctx, { id: created.id }));
    expect(many).toMatchObject({ messageKey: "clients.delete.inUseMore", vars: { count: 7, more: 2 } });
    expect(many.vars?.addresses).toBe(
      "secretariat@school.test, teacher0@school.test, teacher1@school.test, teacher2@school.test, teacher3@school.test",
    );
    expect(await db.clientConfiguration.count({ where: { id: created.id } })).toBe(1);

    await db.mailbox.deleteMany({ where: { clientConfigurationId: created.id } });
    await expect(deleteClientConfiguration(ctx, { id: created.id })).resolves.toMatchObject({
      id: created.id,
    });
    expect(await db.clientConfiguration.count({ where: { id: created.id } })).toBe(0);
  });
});

describe("another client for a configuration", () => {
  it("is refused while its mailboxes hold tokens it issued, and allowed once none does", async () => {
    const { ctx, tenant } = await admin();
    const created = await createClientConfiguration(ctx, googleForm());
    const form = googleForm({ name: created.name, clientSecret: "" });
    const db = await getDb();
    const waiting = await db.mailbox.create({
      data: { tenantId: tenant.id, address: "pending@school.test", clientConfigurationId: created.id },
    });
    // A mistyped client ID is corrected freely while no mailbox was connected through it.
    await updateClientConfiguration(ctx, created.id, {
      ...form,
      clientId: "5678-def.apps.googleusercontent.com",
    });
    expect((await rowOf(created.id)).clientId).toBe("5678-def.apps.googleusercontent.com");

    const connected = await db.mailbox.create({
      data: {
        tenantId: tenant.id,
        address: "secretariat@school.test",
        clientConfigurationId: created.id,
        state: "connected",
        refreshTokenCipher: "v1:stand-in",
      },
    });
    const refused = async (change: ClientConfigurationForm, field: string, key: string) =>
      expect(await errorOf(updateClientConfiguration(ctx, created.id, { ...form, ...change }))).toMatchObject(
        {
          code: "invalid_input",
          fieldErrors: { [field]: key },
        },
      );
    await refused(
      { clientId: "9999-ghi.apps.googleusercontent.com" },
      "clientId",
      "clients.validation.clientIdHasConnections",
    );
    // Another provider with the same client ID: said on the provider's field.
    await refused(
      {
        ...formOf({ preset: "microsoft", directory: "organizations" }),
        name: created.name,
        clientId: "5678-def.apps.googleusercontent.com",
      },
      "provider",
      "clients.validation.clientIdHasConnections",
    );
    const row = await rowOf(created.id);
    expect(row).toMatchObject({ clientId: "5678-def.apps.googleusercontent.com", provider: "google" });
    // Other edits go on as before.
    await updateClientConfiguration(ctx, created.id, {
      ...form,
      clientId: "5678-def.apps.googleusercontent.com",
      scopes: "openid email https://mail.google.com/",
    });
    expect((await rowOf(created.id)).scopes).toEqual(["openid", "email", "https://mail.google.com/"]);

    // Its tokens gone (revoked, moved away) but their withdrawal at the provider still pending: the
    // client that authenticates it must stay.
    await db.mailbox.update({
      where: { id: connected.id },
      data: { state: "revoked", refreshTokenCipher: null },
    });
    const pending = await db.pendingRevocation.create({
      data: {
        tenantId: tenant.id,
        mailboxId: connected.id,
        endpoint: "https://oauth2.googleapis.com/revoke",
        clientConfigurationId: created.id,
        clientId: "5678-def.apps.googleusercontent.com",
        tokenCipher: "v1:stand-in",
        nextAttemptAt: new Date(),
      },
    });
    await refused(
      { clientId: "9999-ghi.apps.googleusercontent.com" },
      "clientId",
      "clients.validation.clientIdWithdrawing",
    );
    // Withdrawn: the client can change.
    await db.pendingRevocation.delete({ where: { id: pending.id } });
    await updateClientConfiguration(ctx, created.id, {
      ...form,
      clientId: "9999-ghi.apps.googleusercontent.com",
    });
    expect((await rowOf(created.id)).clientId).toBe("9999-ghi.apps.googleusercontent.com");
    expect(await db.mailbox.count({ where: { id: { in: [waiting.id, connected.id] } } })).toBe(2);
  });
});

/** A token endpoint on 127.0.0.1 whose next answers the test decides. */
function tokenEndpointServer() {
  const state = {
    answer: ((res) => void res.end()) as (res: http.ServerResponse) => void,
    bodies: [] as URLSearchParams[],
    paths: [] as string[],
    connections: 0,
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      state.bodies.push(new URLSearchParams(body));
      state.paths.push(req.url ?? "");
      state.answer(res);
    });
  });
  server.on("connection", () => state.connections++);
  const json = (status: number, value: unknown) => (res: http.ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  return {
    state,
    json,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("testing a configuration against its token endpoint", () => {
  const endpoint = tokenEndpointServer();
  let base = "";
  const secret = "custom-client-secret-value-7788";

  beforeAll(async () => {
    base = await endpoint.start();
  });
  afterAll(() => endpoint.stop());
  afterEach(() => {
    delete process.env.RELAIS_ALLOW_LOCAL_PROVIDERS;
    delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID;
    delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_SECRET;
    delete process.env.RELAIS_PLATFORM_MICROSOFT_AUTHORITY;
  });

  async function localConfiguration() {
    process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
    const setup = await admin();
    const created = await createClientConfiguration(
      setup.ctx,
      formOf(
        { preset: "custom" },
        {
          clientId: "local-client",
          clientSecret: secret,
          authorizationEndpoint: `${base}/authorize`,
          tokenEndpoint: `${base}/token`,
          scopes: "mail",
          smtpHost: "smtp.example.org",
        },
      ),
    );
    return { ...setup, id: created.id };
  }

  it("reads invalid_grant as success, and explains invalid_client, HTML and redirects", async () => {
    const { ctx, id, tenant } = await localConfiguration();

    endpoint.state.answer = endpoint.json(400, { error: "invalid_grant", error_description: "Bad code" });
    const ok = await testClientConfiguration(ctx, { id });
    expect(ok).toMatchObject({ outcome: "ok", success: true, status: 400, providerError: "invalid_grant" });
    const sent = endpoint.state.bodies.at(-1)!;
    expect(Object.fromEntries(sent)).toMatchObject({
      grant_type: "authorization_code",
      redirect_uri: oauthRedirectUri(),
      client_id: "local-client",
      client_secret: secret,
    });
    expect(sent.get("code")).toBeTruthy();
    expect(sent.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await rowOf(id)).toMatchObject({ lastTestOutcome: "ok", lastTestedAt: expect.any(Date) });

    endpoint.state.answer = endpoint.json(401, {
      error: "invalid_client",
      // Echoes what was sent, as some servers do: it must go no further.
      error_description: `AADSTS7000215: Invalid client secret provided. Received ${secret}`,
      error_codes: [7000215],
    });
    const badSecret = await testClientConfiguration(ctx, { id });
    expect(badSecret).toMatchObject({
      outcome: "secret_invalid",
      success: false,
      providerError: "invalid_client",
      aadsts: 7000215,
    });
    expect(JSON.stringify(badSecret)).not.toContain(secret);

    endpoint.state.answer = (res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Welcome to our portal</body></html>");
    };
    expect(await testClientConfiguration(ctx, { id })).toMatchObject({ outcome: "not_json", success: false });

    endpoint.state.answer = (res) => {
      res.writeHead(302, { location: "https://elsewhere.example.org/token" });
      res.end();
    };
    expect(await testClientConfiguration(ctx, { id })).toMatchObject({
      outcome: "redirect_refused",
      status: 302,
    });
    expect((await rowOf(id)).lastTestOutcome).toBe("redirect_refused");

    const tested = (await auditDetailsOf(tenant.id)).filter((entry) => entry.action === "client.tested");
    expect(tested.map((entry) => (entry.details as { outcome: string }).outcome)).toEqual([
      "ok",
      "secret_invalid",
      "not_json",
      "redirect_refused",
    ]);
  });

  it("refuses a loopback endpoint without the local-provider setting, before connecting", async () => {
    const { ctx, id } = await localConfiguration();
    delete process.env.RELAIS_ALLOW_LOCAL_PROVIDERS;
    const connections = endpoint.state.connections;
    const result = await testClientConfiguration(ctx, { id });
    expect(result).toMatchObject({ success: false, outcome: "refused_not_https" });
    expect(endpoint.state.connections).toBe(connections);
  });

  it("uses the platform application's credentials, which it never stores nor returns", async () => {
    process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
    process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID = "platform-client-id";
    process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_SECRET = "platform-secret-value-4242";
    process.env.RELAIS_PLATFORM_MICROSOFT_AUTHORITY = base;
    const { ctx, tenant } = await admin();
    const created = await createClientConfiguration(
      ctx,
      // The form may post stale endpoint fields: the platform's own are used instead.
      formOf({ preset: "platform" }, { clientId: "ignored", clientSecret: "ignored-secret" }),
    );
    const row = await rowOf(created.id);
    expect(row).toMatchObject({
      provider: "platform_microsoft",
      clientId: "",
      clientSecretCipher: null,
      authorizationEndpoint: "",
      tokenEndpoint: "",
      scopes: ["https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email"],
    });
    expect(resolveClientCredentials(row)).toEqual({
      clientId: "platform-client-id",
      clientSecret: "platform-secret-value-4242",
      authorizationEndpoint: `${base}/organizations/oauth2/v2.0/authorize`,
      tokenEndpoint: `${base}/organizations/oauth2/v2.0/token`,
      deviceEndpoint: `${base}/organizations/oauth2/v2.0/devicecode`,
      revocationEndpoint: null,
      usesPlatformApplication: true,
    });

    endpoint.state.answer = endpoint.json(400, { error: "invalid_grant", error_codes: [70000] });
    const result = await testClientConfiguration(ctx, { id: created.id });
    expect(result.outcome).toBe("ok");
    expect(endpoint.state.paths.at(-1)).toBe("/organizations/oauth2/v2.0/token");
    expect(Object.fromEntries(endpoint.state.bodies.at(-1)!)).toMatchObject({
      client_id: "platform-client-id",
      client_secret: "platform-secret-value-4242",
    });
    const shown = JSON.stringify([
      result,
      await getClientConfiguration(ctx, created.id),
      await listClientConfigurations(ctx),
    ]);
    expect(shown).not.toContain("platform-secret-value-4242");
    expect(JSON.stringify(await auditDetailsOf(tenant.id))).not.toContain("platform-secret-value-4242");
  });
});

describe("the audit log", () => {
  it("records every change without any secret", async () => {
    process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "true";
    const { ctx, tenant } = await admin();
    const created = await createClientConfiguration(ctx, googleForm({ name: "Audited" }));
    await updateClientConfiguration(
      ctx,
      created.id,
      googleForm({ name: "Audited", clientSecret: "replacement-secret-5555" }),
    );
    await updateClientConfiguration(ctx, created.id, googleForm({ name: "Audited again", clientSecret: "" }));
    const copy = await duplicateClientConfiguration(ctx, { id: created.id }, "en");
    // Port 9 on loopback: nothing listens, the test fails to connect.
    await updateClientConfiguration(
      ctx,
      copy.id,
      googleForm({ name: copy.name, tokenEndpoint: "http://127.0.0.1:9/token" }),
    );
    await testClientConfiguration(ctx, { id: copy.id });
    await deleteClientConfiguration(ctx, { id: copy.id });
    delete process.env.RELAIS_ALLOW_LOCAL_PROVIDERS;

    const entries = await auditDetailsOf(tenant.id);
    expect(entries.map((entry) => entry.action)).toEqual([
      "client.created",
      "client.updated",
      "client.updated",
      "client.duplicated",
      "client.updated",
      "client.tested",
      "client.deleted",
    ]);
    expect(entries[1]!.details).toEqual({ changed: [], clientSecret: "replaced" });
    expect(entries[2]!.details).toEqual({ changed: ["name"] });
    expect(entries[4]!.details).toEqual({ changed: ["tokenEndpoint"], clientSecret: "replaced" });
    expect(entries[5]!.details).toMatchObject({ outcome: "connect_failed" });
    const text = JSON.stringify(entries);
    for (const secret of [GOOGLE_SECRET, "replacement-secret-5555"]) expect(text).not.toContain(secret);
    const db = await getDb();
    const ciphers = await db.clientConfiguration.findMany({
      where: { tenantId: tenant.id },
      select: { clientSecretCipher: true },
    });
    for (const { clientSecretCipher } of ciphers) expect(text).not.toContain(clientSecretCipher!);
  });
});
