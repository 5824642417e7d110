import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";
import { getConnectionDetails } from "@/lib/tokens/get-connection-details";
import { contextFor, seedMember, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { seedConnection, seedFakeConfiguration, useTokenTestEnvironment } from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

useTokenTestEnvironment();
useTestDatabase();

const DAY_MS = 24 * 3600 * 1000;
const fakes = useTokenFakes();

describe("getConnectionDetails", () => {
  it("shows Microsoft's 90-day end after the last refresh, and the granted permissions", async () => {
    const { tenant, member } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const lastRefreshAt = new Date(Date.now() - 10 * DAY_MS);
    const mailbox = await seedConnection({
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: "ms@college.test",
      accessToken: "access-token-in-clear",
      refreshToken: "refresh-token-in-clear",
      grantedScopes: ["https://outlook.office.com/SMTP.Send"],
      lastRefreshAt,
      ownerIds: [member.id],
    });

    const details = await getConnectionDetails(await contextFor(member, tenant), mailbox.id);

    expect(details).toMatchObject({
      state: "connected",
      hasRefreshToken: true,
      missingScopes: [],
      lastError: null,
    });
    expect(details.scopes).toEqual([
      { scope: "https://outlook.office.com/SMTP.Send", granted: true, required: true },
    ]);
    expect(details.predictedEnd).toEqual({
      at: new Date(lastRefreshAt.getTime() + 90 * DAY_MS),
      reason: "inactivity",
    });
    expect(JSON.stringify(details)).not.toMatch(/token-in-clear|Cipher|v1\./);
  });

  it("flags a missing mail scope, gives Google's six months or the announced end, explains the last error", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const mailbox = await seedConnection({
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: "g@lycee.test",
      accessToken: "at",
      refreshToken: "rt",
      grantedScopes: ["openid", "https://www.googleapis.com/auth/userinfo.email"],
      state: "insufficient_scope",
    });
    const ctx = await contextFor(admin, tenant, "mailboxes.write");

    const details = await getConnectionDetails(ctx, mailbox.id);
    expect(details.missingScopes).toEqual(["https://mail.google.com/"]);
    expect(details.scopes).toContainEqual({
      scope: "https://mail.google.com/",
      granted: false,
      required: true,
    });
    // Nothing announced: the end Google gives an authorization left unused for six months.
    const row = await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(details.predictedEnd).toEqual({
      at: new Date((row.lastRefreshAt ?? row.connectedAt)!.getTime() + 183 * DAY_MS),
      reason: "inactivity",
    });
    expect(details.providerRevokes).toBe(true);

    const announced = new Date(Date.now() + 7 * DAY_MS);
    const db = await getDb();
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: {
        refreshTokenExpiresAt: announced,
        lastErrorCode: "smtp_auth_disabled",
        lastErrorAt: new Date(),
      },
    });
    const later = await getConnectionDetails(ctx, mailbox.id);
    expect(later.predictedEnd).toEqual({ at: announced, reason: "provider" });
    expect(later.lastError).toMatchObject({
      code: "smtp_auth_disabled",
      cause: "connections.causes.smtpAuthDisabled",
      fix: "connections.fixes.enableSmtpAuth",
    });
  });

  it("is not found for a member the mailbox is not assigned to", async () => {
    const { tenant } = await seedTenantWithPeople();
    const stranger = await seedMember(tenant.id, "member");
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const mailbox = await seedConnection({
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: "x@l.test",
    });
    await expect(getConnectionDetails(await contextFor(stranger, tenant), mailbox.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("explainConnectionError", () => {
  it("gives every failure a cause and a fix in both languages", () => {
    const codes = [
      "invalid_grant",
      "AADSTS70000",
      "AADSTS700082",
      "AADSTS50173",
      "AADSTS65001",
      "AADSTS7000215",
      "AADSTS7000222",
      "AADSTS7000218",
      "AADSTS700016",
      "unauthorized_client",
      "platform_unavailable",
      "timeout",
      "http_503",
      "smtp_auth_disabled",
      "no_refresh_token",
      "something_new",
      null,
    ];
    for (const locale of ["en", "fr"] as const) {
      const t = createTranslator(locale);
      for (const code of codes) {
        const { cause, fix } = explainConnectionError(code);
        expect(t(cause)).not.toBe(cause);
        expect(t(fix)).not.toBe(fix);
      }
    }
    expect(explainConnectionError("AADSTS7000222")).toEqual({
      cause: "connections.causes.secretExpired",
      fix: "connections.fixes.newSecret",
    });
    expect(explainConnectionError("http_502").fix).toBe("connections.fixes.waitRetry");
    expect(explainConnectionError("AADSTS700082").cause).toBe("connections.causes.idleExpired");
  });
});
