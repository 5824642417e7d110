import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { listMailboxes } from "@/lib/mailboxes/list-mailboxes";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { storedGrantEnd } from "@/lib/connections/stored-grant-end";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";

useTestDatabase();

const day = 86_400_000;
const base = Date.UTC(2027, 0, 1, 9, 30);

type Facts = { lastRefreshAt: Date | null; connectedAt: Date | null; refreshTokenExpiresAt: Date | null };

/**
 * The rule as docs/mailboxes.md states it, written out here to check the one place it lives (the
 * database's grant_ends_at): a Google application in Testing, 7 days after the grant; otherwise the
 * earlier of the announced end and 90 days after the last use for Microsoft, 183 days (six months)
 * for Google.
 */
function expectedEnd(kind: "google" | "testing" | "microsoft" | "other", withTokens: boolean, f: Facts) {
  if (!withTokens) return null;
  if (kind === "testing" && f.connectedAt) return new Date(f.connectedAt.getTime() + 7 * day).toISOString();
  const lastUse = f.lastRefreshAt ?? f.connectedAt;
  const candidates = [
    f.refreshTokenExpiresAt?.getTime(),
    kind === "microsoft" && lastUse ? lastUse.getTime() + 90 * day : undefined,
    (kind === "google" || kind === "testing") && lastUse ? lastUse.getTime() + 183 * day : undefined,
  ].filter((t): t is number => t !== undefined);
  return candidates.length > 0 ? new Date(Math.min(...candidates)).toISOString() : null;
}

async function stored(mailboxId: string) {
  const row = await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
  return { at: row.grantEndsAt?.toISOString() ?? null, reason: storedGrantEnd(row)?.reason ?? null };
}

describe("the forecast end of a connection kept in the database (grantEndsAt)", () => {
  it("follows the rule for every provider, Testing status and combination of dates, and every change", async () => {
    const { tenant } = await seedTenantWithPeople();
    const db = await getDb();
    const google = await seedClientConfiguration(tenant.id, { provider: "google" });
    const testing = await seedClientConfiguration(tenant.id, { provider: "google" });
    await db.clientConfiguration.update({ where: { id: testing.id }, data: { googleTesting: true } });
    const microsoft = await seedClientConfiguration(tenant.id, { provider: "microsoft" });
    const customAtMicrosoft = await seedClientConfiguration(tenant.id, { provider: "custom" });
    await db.clientConfiguration.update({
      where: { id: customAtMicrosoft.id },
      data: { tokenEndpoint: "https://LOGIN.microsoftonline.com:443/contoso/oauth2/v2.0/token" },
    });
    const customAtGoogle = await seedClientConfiguration(tenant.id, { provider: "custom" });
    await db.clientConfiguration.update({
      where: { id: customAtGoogle.id },
      data: { tokenEndpoint: "https://oauth2.googleapis.com/token" },
    });
    const customElsewhere = await seedClientConfiguration(tenant.id, { provider: "custom" });
    await db.clientConfiguration.update({
      where: { id: customElsewhere.id },
      data: { tokenEndpoint: "https://login.microsoftonline.com.evil.test/token" },
    });

    const dates: Facts[] = [
      { lastRefreshAt: new Date(base), connectedAt: new Date(base - 10 * day), refreshTokenExpiresAt: null },
      { lastRefreshAt: null, connectedAt: new Date(base - 10 * day), refreshTokenExpiresAt: null },
      {
        lastRefreshAt: new Date(base),
        connectedAt: new Date(base),
        refreshTokenExpiresAt: new Date(base + 30 * day),
      },
      {
        lastRefreshAt: new Date(base),
        connectedAt: new Date(base),
        refreshTokenExpiresAt: new Date(base + 200 * day),
      },
      { lastRefreshAt: null, connectedAt: null, refreshTokenExpiresAt: null },
    ];
    const kinds = [
      [google, "google"],
      [testing, "testing"],
      [microsoft, "microsoft"],
      [customAtMicrosoft, "microsoft"],
      [customAtGoogle, "google"],
      [customElsewhere, "other"],
    ] as const;
    const all: (string | null)[] = [];
    for (const [config, kind] of kinds) {
      for (const [i, facts] of dates.entries()) {
        for (const withTokens of [true, false]) {
          const mailbox = await seedMailbox(tenant.id, config.id, { state: "connected", withTokens });
          await db.mailbox.update({ where: { id: mailbox.id }, data: facts });
          const { at } = await stored(mailbox.id);
          expect(at, `${kind} ${i} ${withTokens}`).toBe(expectedEnd(kind, withTokens, facts));
          all.push(at);
        }
      }
    }
    // Some of each: dates from Microsoft's rule, from the provider's announcement, from Testing, and none.
    expect(all.filter((at) => at !== null).length).toBeGreaterThan(10);
    expect(all.filter((at) => at === null).length).toBeGreaterThan(10);

    // A refresh moves it; an erased refresh token ends it; a move to Google gives Google's rule.
    const mailbox = await seedMailbox(tenant.id, microsoft.id, { state: "connected" });
    await db.mailbox.update({ where: { id: mailbox.id }, data: { lastRefreshAt: new Date(base) } });
    expect(await stored(mailbox.id)).toEqual({
      at: new Date(base + 90 * day).toISOString(),
      reason: "inactivity",
    });
    await db.mailbox.update({ where: { id: mailbox.id }, data: { lastRefreshAt: new Date(base + day) } });
    expect((await stored(mailbox.id)).at).toBe(new Date(base + 91 * day).toISOString());
    await db.mailbox.update({ where: { id: mailbox.id }, data: { clientConfigurationId: google.id } });
    expect(await stored(mailbox.id)).toEqual({
      at: new Date(base + (1 + 183) * day).toISOString(),
      reason: "inactivity",
    });
    await db.mailbox.update({ where: { id: mailbox.id }, data: { clientConfigurationId: microsoft.id } });
    await db.mailbox.update({ where: { id: mailbox.id }, data: { refreshTokenCipher: null } });
    expect(await stored(mailbox.id)).toEqual({ at: null, reason: null });

    // Writing the column directly changes nothing; a configuration's new token endpoint moves its mailboxes'.
    const other = await seedMailbox(tenant.id, customElsewhere.id, { state: "connected" });
    await db.mailbox.update({ where: { id: other.id }, data: { grantEndsAt: new Date(base) } });
    expect((await stored(other.id)).at).toBeNull();
    await db.clientConfiguration.update({
      where: { id: customElsewhere.id },
      data: { tokenEndpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/token" },
    });
    expect((await stored(other.id)).reason).toBe("inactivity");

    // "Testing" detected, then cleared: its connections' forecasts follow, with the reason.
    const grant = new Date(base);
    const young = await seedMailbox(tenant.id, google.id, { state: "connected" });
    const youngRow = await db.mailbox.update({ where: { id: young.id }, data: { connectedAt: grant } });
    // Outside Testing: Google's six months without use.
    const idle = {
      at: new Date((youngRow.lastRefreshAt ?? grant).getTime() + 183 * day).toISOString(),
      reason: "inactivity",
    };
    expect(await stored(young.id)).toEqual(idle);
    await db.clientConfiguration.update({
      where: { id: google.id },
      data: { googleTestingDetectedAt: new Date() },
    });
    expect(await stored(young.id)).toEqual({ at: new Date(base + 7 * day).toISOString(), reason: "testing" });
    await db.clientConfiguration.update({
      where: { id: google.id },
      data: { googleTestingDetectedAt: null },
    });
    expect(await stored(young.id)).toEqual(idle);
  });

  it("is the list's expiry column and sort, the mailbox page's forecast, and feeds the health line", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const db = await getDb();
    const google = await seedClientConfiguration(tenant.id, { provider: "google" });
    const microsoft = await seedClientConfiguration(tenant.id, { provider: "microsoft" });
    const now = Date.now();
    // Microsoft announces nothing: the end comes from its 90 days without use (what the list missed).
    const later = await seedMailbox(tenant.id, microsoft.id, {
      address: "a-later@s.test",
      state: "connected",
    });
    await db.mailbox.update({ where: { id: later.id }, data: { lastRefreshAt: new Date(now - 10 * day) } });
    const sooner = await seedMailbox(tenant.id, microsoft.id, {
      address: "b-sooner@s.test",
      state: "connected",
    });
    await db.mailbox.update({ where: { id: sooner.id }, data: { lastRefreshAt: new Date(now - 80 * day) } });
    const announced = await seedMailbox(tenant.id, google.id, {
      address: "c-announced@s.test",
      state: "connected",
    });
    await db.mailbox.update({
      where: { id: announced.id },
      data: { refreshTokenExpiresAt: new Date(now + 40 * day) },
    });
    await seedMailbox(tenant.id, google.id, { address: "d-google@s.test", state: "connected" });
    const broken = await seedMailbox(tenant.id, microsoft.id, {
      address: "e-broken@s.test",
      state: "needs_reconnect",
    });
    await db.mailbox.update({
      where: { id: broken.id },
      data: { lastErrorCode: "AADSTS700082", lastErrorAt: new Date(now - 2 * day) },
    });
    await db.outgoingMail.createMany({
      data: ["held", "held", "queued", "sent"].map((status, i) => ({
        tenantId: tenant.id,
        mailboxId: broken.id,
        messageId: `<m${i}-${broken.id}@s.test>`,
        source: "portal",
        sizeBytes: 100,
        to: ["x@example.org"],
        subject: "s",
        status: status as "held" | "queued" | "sent",
        recipientCount: 1,
      })),
    });
    const ctx = await contextFor(admin, tenant, "mailboxes.read");

    const page = await listMailboxes(ctx, { sort: "expiry" });
    expect(page.mailboxes.map((m) => m.address)).toEqual([
      "b-sooner@s.test",
      "c-announced@s.test",
      "a-later@s.test",
      "d-google@s.test",
      "e-broken@s.test",
    ]);
    const desc = await listMailboxes(ctx, { sort: "expiry", dir: "desc" });
    // Google's six months without use come after Microsoft's 90 days.
    expect(desc.mailboxes.map((m) => m.address).slice(0, 4)).toEqual([
      "d-google@s.test",
      "a-later@s.test",
      "c-announced@s.test",
      "b-sooner@s.test",
    ]);
    const row = (address: string) => page.mailboxes.find((m) => m.address === address)!;
    expect(row("b-sooner@s.test").grantEnd).toEqual({
      at: new Date(now - 80 * day + 90 * day),
      reason: "inactivity",
    });
    expect(row("b-sooner@s.test").health.code).toBe("ending_soon");
    expect(row("a-later@s.test").health.code).toBe("healthy");
    expect(row("c-announced@s.test").grantEnd?.reason).toBe("provider");
    expect(row("d-google@s.test").grantEnd?.reason).toBe("inactivity");
    expect(row("e-broken@s.test").health).toMatchObject({
      code: "needs_reconnect",
      waitingMail: 3,
      errorCode: "AADSTS700082",
    });

    // The mailbox page says the same.
    const adminCtx = await contextFor(admin, tenant, "mailboxes.write");
    for (const m of page.mailboxes) {
      const details = await getMailbox(adminCtx, m.id);
      expect(details.health, m.address).toEqual(
        expect.objectContaining({
          code: m.health.code,
          waitingMail: m.health.waitingMail,
          headline: m.health.headline,
        }),
      );
    }
  });
});
