import http from "node:http";
import type { AddressInfo } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { accessTokenAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { updateClientConfiguration } from "@/lib/clients/update-client-configuration";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { restoreConfigErrorConnections } from "@/lib/clients/restore-config-error-connections";
import { ConnectionUnavailableError, TransientTokenError } from "@/lib/tokens/token-errors";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import {
  MICROSOFT_CLIENT,
  connectAtFake,
  seedConnection,
  seedFakeConfiguration,
  useTokenTestEnvironment,
} from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";
import { readable } from "../support/captured-mail";

useTokenTestEnvironment();
delete process.env.RELAIS_SMTP_URL;
useTestDatabase();

const fakes = useTokenFakes();
beforeEach(() => {
  fakes.control.resetStats();
  fakes.control.setStrictRotation(false);
});

const refreshesOf = (email: string) => fakes.control.stats().refreshRequests[email] ?? 0;
const mailTo = async (email: string) =>
  (await (await getDb()).capturedMail.findMany({ where: { to: email } })).map(readable);
const address = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@lycee.test`;

async function storedTokens(mailboxId: string) {
  const row = await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
  return {
    row,
    access: row.accessTokenCipher && decryptSecret(row.accessTokenCipher, accessTokenAad(mailboxId)),
    refresh: row.refreshTokenCipher && decryptSecret(row.refreshTokenCipher, refreshTokenAad(mailboxId)),
  };
}

/** A token endpoint that answers every request with the given status, or never answers at all. */
async function startFailingEndpoint(status: number) {
  const server = http.createServer((_request, response) => {
    response.writeHead(status, { "content-type": "text/html" }).end("<html>Service Unavailable</html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("getAccessToken", () => {
  it("returns the stored access token without asking the provider while it is fresh", async () => {
    const { tenant } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const email = address("fresh");
    const { mailbox, tokens } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
    });

    const token = await getAccessToken(mailbox.id, { tenantId: tenant.id });

    expect(token.accessToken).toBe(tokens.access_token);
    expect(token.refreshed).toBe(false);
    expect(refreshesOf(email)).toBe(0);
  });

  it("refreshes near expiry and stores the new access token and Microsoft's rotated refresh token together", async () => {
    const { tenant } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const email = address("rotate");
    const { mailbox, tokens } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      accessExpiresIn: 60,
      // An hour-long token near its end (a token issued for 60 s would be good for most of them).
      connectedAt: new Date(Date.now() - (3600 - 60) * 1000),
    });
    fakes.control.setStrictRotation(true);

    const token = await getAccessToken(mailbox.id, { tenantId: tenant.id });

    expect(token.refreshed).toBe(true);
    expect(token.accessToken).not.toBe(tokens.access_token);
    const stored = await storedTokens(mailbox.id);
    expect(stored.access).toBe(token.accessToken);
    expect(stored.refresh).not.toBe(tokens.refresh_token);
    expect(stored.row.lastRefreshAt).not.toBeNull();
    expect(stored.row.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(refreshesOf(email)).toBe(1);
    // Under strict rotation only the stored (rotated) token keeps the grant alive.
    const again = await getAccessToken(mailbox.id, { tenantId: tenant.id, forceRefresh: true });
    expect(again.refreshed).toBe(true);
    expect((await storedTokens(mailbox.id)).row.state).toBe("connected");
  });

  it("keeps Google's refresh token, which Google does not rotate", async () => {
    const { tenant } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const email = address("google");
    const { mailbox, tokens } = await connectAtFake(fakes, "google", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      accessExpiresIn: -10,
    });

    const token = await getAccessToken(mailbox.id, { tenantId: tenant.id });

    expect(token.refreshed).toBe(true);
    const stored = await storedTokens(mailbox.id);
    expect(stored.access).toBe(token.accessToken);
    expect(stored.refresh).toBe(tokens.refresh_token);
  });

  it("answers not found for another tenant's mailbox", async () => {
    const a = await seedTenantWithPeople();
    const b = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, b.tenant.id, "google");
    const mailbox = await seedConnection({
      tenantId: b.tenant.id,
      clientConfigurationId: config.id,
      address: address("foreign"),
      accessToken: "at",
      refreshToken: "rt",
    });
    await expect(getAccessToken(mailbox.id, { tenantId: a.tenant.id })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      getAccessToken(mailbox.id, { tenantId: a.tenant.id, forceRefresh: true }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a refused refresh", () => {
  it("invalid_grant: needs reconnect, tokens erased, each owner told once", async () => {
    const { tenant, member } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const email = address("revoked");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      accessExpiresIn: -10,
      ownerIds: [member.id],
    });
    fakes.control.revokeGrant(email);

    const first = getAccessToken(mailbox.id, { tenantId: tenant.id });
    await expect(first).rejects.toBeInstanceOf(ConnectionUnavailableError);
    await expect(first).rejects.toMatchObject({ state: "needs_reconnect", code: "AADSTS50173" });
    await expect(
      getAccessToken(mailbox.id, { tenantId: tenant.id, forceRefresh: true }),
    ).rejects.toMatchObject({
      state: "needs_reconnect",
    });

    const { row } = await storedTokens(mailbox.id);
    expect(row).toMatchObject({
      state: "needs_reconnect",
      lastErrorCode: "AADSTS50173",
      accessTokenCipher: null,
      refreshTokenCipher: null,
    });
    expect(row.lastErrorAt).not.toBeNull();
    const mails = await mailTo(member.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(email);
    expect(mails[0]!.text).toContain(`/t/${tenant.slug}/my-mailboxes`);
    expect(refreshesOf(email)).toBe(1);
  });

  it("Google's 'Token has been expired or revoked.' is invalid_grant too, and the owner reads it in French", async () => {
    const { tenant } = await seedTenantWithPeople();
    const { seedMember } = await import("../support/factories");
    const owner = await seedMember(tenant.id, "member", { locale: "fr" });
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const email = address("expired");
    const { mailbox } = await connectAtFake(fakes, "google", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      accessExpiresIn: -10,
      ownerIds: [owner.id],
    });
    fakes.control.expireRefreshTokens(email);

    await expect(getAccessToken(mailbox.id, { tenantId: tenant.id })).rejects.toMatchObject({
      state: "needs_reconnect",
      code: "invalid_grant",
    });
    const mails = await mailTo(owner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Reconnectez");
  });

  it("invalid_client: the configuration is flagged, its 20 connections keep their tokens, admins are told once", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const real = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("real"),
      accessExpiresIn: -10,
    });
    const others = [];
    for (let index = 0; index < 19; index += 1) {
      others.push(
        await seedConnection({
          tenantId: tenant.id,
          clientConfigurationId: config.id,
          address: address(`box${index}`),
          accessToken: `at-${index}`,
          refreshToken: `rt-${index}`,
          accessExpiresIn: -10,
        }),
      );
    }
    const ids = [real.mailbox.id, ...others.map((m) => m.id)];
    fakes.control.setClientSecretExpired(MICROSOFT_CLIENT.clientId);
    try {
      const results = await Promise.allSettled(ids.map((id) => getAccessToken(id, { tenantId: tenant.id })));
      for (const result of results) {
        expect(result.status).toBe("rejected");
        expect((result as PromiseRejectedResult).reason).toMatchObject({ state: "config_error" });
      }
    } finally {
      fakes.control.setClientSecretExpired(MICROSOFT_CLIENT.clientId, false);
    }
    const db = await getDb();
    const flagged = await db.clientConfiguration.findUniqueOrThrow({ where: { id: config.id } });
    expect(flagged.brokenAt).not.toBeNull();
    expect(flagged.brokenReason).toBe("AADSTS7000222");
    const rows = await db.mailbox.findMany({ where: { id: { in: ids } } });
    expect(rows.every((m) => m.state === "config_error" && m.refreshTokenCipher !== null)).toBe(true);
    expect(await mailTo(admin.email)).toHaveLength(1);

    // The administrator pastes a working secret: the connections come back, and work.
    await db.$transaction(async (tx) => {
      await tx.clientConfiguration.update({
        where: { id: config.id },
        data: { brokenAt: null, brokenReason: null },
      });
      expect(
        await restoreConfigErrorConnections(tx, { tenantId: tenant.id, clientConfigurationId: config.id }),
      ).toBe(20);
    });
    const token = await getAccessToken(real.mailbox.id, { tenantId: tenant.id });
    expect(token.refreshed).toBe(true);
    expect((await storedTokens(real.mailbox.id)).row).toMatchObject({
      state: "connected",
      lastErrorCode: null,
    });
    expect(await mailTo(admin.email)).toHaveLength(1);
  });

  it("saving the configuration with a new secret gives its refused connections their chance again", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const ctx = await contextFor(admin, tenant, "clients.write");
    const form = {
      name: "School Google",
      provider: "google",
      clientId: "school.apps.googleusercontent.com",
      clientSecret: "an-expired-google-secret",
      authorizationEndpoint: "https://accounts.google.com/o/oauth2/v2/auth",
      tokenEndpoint: "https://oauth2.googleapis.com/token",
      scopes: "https://mail.google.com/",
      defaultFlow: "authorization_code",
      pkce: "true",
      smtpHost: "smtp.gmail.com",
      smtpPort: "465",
      smtpSecurity: "tls",
    };
    const config = await createClientConfiguration(ctx, form);
    const db = await getDb();
    await db.clientConfiguration.update({
      where: { id: config.id },
      data: { brokenAt: new Date(), brokenReason: "invalid_client" },
    });
    const refused = await seedConnection({
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("refused"),
      accessToken: "at",
      refreshToken: "rt",
      state: "config_error",
    });
    const tokenless = await seedConnection({
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("tokenless"),
      state: "config_error",
    });

    const smtpOff = await seedConnection({
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("smtp-off"),
      accessToken: "at",
      refreshToken: "rt",
      state: "config_error",
    });
    await db.mailbox.update({ where: { id: smtpOff.id }, data: { lastErrorCode: "smtp_auth_disabled" } });

    await updateClientConfiguration(ctx, config.id, { ...form, clientSecret: "a-new-google-secret" });

    expect(await db.mailbox.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({
      state: "connected",
      lastErrorCode: null,
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: tokenless.id } })).state).toBe("config_error");
    // SMTP AUTH off is the mailbox's own setting: neither the new secret nor a refresh lifts it.
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: smtpOff.id } })).state).toBe("config_error");
    await expect(
      getAccessToken(smtpOff.id, { tenantId: tenant.id, forceRefresh: true }),
    ).rejects.toMatchObject({
      state: "config_error",
      code: "smtp_auth_disabled",
    });
  });

  it("a 5xx answer or an unreachable endpoint leaves the state alone and throws TransientTokenError", async () => {
    const { tenant, admin, member } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: address("transient"),
      accessExpiresIn: -10,
      ownerIds: [member.id],
    });
    const db = await getDb();
    const failing = await startFailingEndpoint(503);
    try {
      await db.clientConfiguration.update({ where: { id: config.id }, data: { tokenEndpoint: failing.url } });
      const attempt = getAccessToken(mailbox.id, { tenantId: tenant.id });
      await expect(attempt).rejects.toBeInstanceOf(TransientTokenError);
      await expect(attempt).rejects.toMatchObject({ code: "http_503" });
    } finally {
      await failing.close();
    }
    // Nothing listens there any more.
    await expect(getAccessToken(mailbox.id, { tenantId: tenant.id })).rejects.toMatchObject({
      code: "connect_failed",
    });
    const { row, refresh } = await storedTokens(mailbox.id);
    expect(row).toMatchObject({ state: "connected", lastErrorCode: "connect_failed" });
    expect(refresh).not.toBeNull();
    const config2 = await db.clientConfiguration.findUniqueOrThrow({ where: { id: config.id } });
    expect(config2.brokenAt).toBeNull();
    expect(await mailTo(member.email)).toHaveLength(0);
    expect(await mailTo(admin.email)).toHaveLength(0);
  });
});

describe("concurrent callers", () => {
  it("20 callers in one process: one refresh reaches the provider, and the strict-rotation grant survives", async () => {
    const { tenant } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const email = address("crowd");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      accessExpiresIn: 30,
      // An hour-long token near its end (a token issued for 30 s would be good for most of them).
      connectedAt: new Date(Date.now() - (3600 - 30) * 1000),
    });
    fakes.control.setStrictRotation(true);

    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => getAccessToken(mailbox.id, { tenantId: tenant.id })),
    );

    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(refreshesOf(email)).toBe(1);
    const forced = await getAccessToken(mailbox.id, { tenantId: tenant.id, forceRefresh: true });
    expect(forced.refreshed).toBe(true);
    expect(refreshesOf(email)).toBe(2);
    expect((await storedTokens(mailbox.id)).row.state).toBe("connected");
  });

  it("20 callers forcing a refresh after the same SMTP refusal: one refresh", async () => {
    const { tenant } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const email = address("forced");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
    });
    fakes.control.setStrictRotation(true);

    await Promise.all(
      Array.from({ length: 20 }, () =>
        getAccessToken(mailbox.id, { tenantId: tenant.id, forceRefresh: true }),
      ),
    );

    expect(refreshesOf(email)).toBe(1);
    expect((await storedTokens(mailbox.id)).row.state).toBe("connected");
  });
});
