import { beforeEach, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { sendBrokenMailboxDigest } from "@/lib/notifications/send-broken-mailbox-digest";
import {
  notifyOwnersOfBrokenMailboxes,
  OWNER_NOTICE_COOLDOWN_MS,
} from "@/lib/notifications/notify-mailbox-owners";
import { accessTokenAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import { pauseFailingWebhookEndpoint } from "@/lib/webhooks/pause-failing-webhook-endpoint";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { seedMember, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import {
  MICROSOFT_CLIENT,
  authorizeAtFake,
  connectAtFake,
  seedFakeConfiguration,
  useTokenTestEnvironment,
} from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";
import { readable } from "../support/captured-mail";

useTokenTestEnvironment();
delete process.env.RELAIS_SMTP_URL;
useTestDatabase();

const fakes = useTokenFakes();
beforeEach(() => fakes.control.resetStats());

const address = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@ecole.test`;
const mailTo = async (email: string) =>
  (await (await getDb()).capturedMail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } })).map(
    readable,
  );

/** Stores a fresh grant for the mailbox, as a reconnect through the authorization flow does. */
async function reconnect(mailboxId: string, email: string) {
  const tokens = await authorizeAtFake(fakes, "microsoft", email);
  await (
    await getDb()
  ).mailbox.update({
    where: { id: mailboxId },
    data: {
      state: "connected",
      accessTokenCipher: encryptSecret(tokens.access_token, accessTokenAad(mailboxId)),
      refreshTokenCipher: encryptSecret(tokens.refresh_token, refreshTokenAad(mailboxId)),
      accessTokenExpiresAt: new Date(Date.now() - 1000),
      ownersNotifiedAt: null,
    },
  });
}

async function ageOwnerNotices(ms: number) {
  const db = await getDb();
  const notices = await db.auditEntry.findMany({ where: { action: "mailbox.owner_notified" } });
  for (const notice of notices) {
    await db.auditEntry.update({
      where: { id: notice.id },
      data: { createdAt: new Date(notice.createdAt.getTime() - ms) },
    });
  }
}

describe("owners of a mailbox that needs reconnecting", () => {
  it("get one mail per breakage each, in their language, and none for a breakage already told", async () => {
    const { tenant } = await seedTenantWithPeople();
    const english = await seedMember(tenant.id, "member", { locale: "en" });
    const french = await seedMember(tenant.id, "member", { locale: "fr" });
    const disabled = await seedMember(tenant.id, "member");
    await (await getDb()).user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const email = address("shared");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      accessExpiresIn: -10,
      ownerIds: [english.id, french.id, disabled.id],
    });
    fakes.control.revokeGrant(email);

    await expect(getAccessToken(mailbox.id, { tenantId: tenant.id })).rejects.toMatchObject({
      state: "needs_reconnect",
    });
    await expect(getAccessToken(mailbox.id, { tenantId: tenant.id })).rejects.toMatchObject({
      state: "needs_reconnect",
    });
    expect(await notifyOwnersOfBrokenMailboxes()).toBe(0);

    const [toEnglish] = await mailTo(english.email);
    const [toFrench] = await mailTo(french.email);
    expect(await mailTo(english.email)).toHaveLength(1);
    expect(await mailTo(french.email)).toHaveLength(1);
    expect(await mailTo(disabled.email)).toHaveLength(0);
    expect(toEnglish!.subject).toBe(`Reconnect the mailbox ${email}`);
    expect(toFrench!.subject).toBe(`Reconnectez la boîte ${email}`);
    expect(toEnglish!.text).toContain(`/t/${tenant.slug}/my-mailboxes`);
    expect(toEnglish!.text).toContain("no longer accepts");

    // Reconnected, then broken again the next day: a new breakage, a new mail.
    await reconnect(mailbox.id, email);
    await ageOwnerNotices(OWNER_NOTICE_COOLDOWN_MS + 60_000);
    fakes.control.revokeGrant(email);
    await expect(getAccessToken(mailbox.id, { tenantId: tenant.id })).rejects.toMatchObject({
      state: "needs_reconnect",
    });
    expect(await mailTo(english.email)).toHaveLength(2);
    expect(await mailTo(french.email)).toHaveLength(2);
  });

  it("an owner of many mailboxes that break together gets one mail listing them", async () => {
    const { tenant, member } = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const emails = [address("a"), address("b"), address("c")];
    const ids: string[] = [];
    for (const email of emails) {
      const { mailbox } = await connectAtFake(fakes, "microsoft", {
        tenantId: tenant.id,
        clientConfigurationId: config.id,
        address: email,
        accessExpiresIn: -10,
        ownerIds: [member.id],
      });
      ids.push(mailbox.id);
      fakes.control.revokeGrant(email);
    }

    const results = await Promise.allSettled(ids.map((id) => getAccessToken(id, { tenantId: tenant.id })));

    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const mails = await mailTo(member.email);
    expect(mails).toHaveLength(1);
    const rows = await (await getDb()).mailbox.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.state === "needs_reconnect" && r.ownersNotifiedAt !== null)).toBe(true);
  });
});

describe("the daily digest", () => {
  it("goes to each school's admins once a day, listing its broken mailboxes", async () => {
    const first = await seedTenantWithPeople();
    await (await getDb()).user.update({ where: { id: first.admin.id }, data: { locale: "en" } });
    const secondAdmin = await seedMember(first.tenant.id, "admin", { locale: "fr" });
    const healthy = await seedTenantWithPeople();
    const db = await getDb();
    const config = await seedFakeConfiguration(fakes, first.tenant.id, "microsoft");
    const healthyConfig = await seedFakeConfiguration(fakes, healthy.tenant.id, "microsoft");
    await db.mailbox.createMany({
      data: [
        {
          tenantId: first.tenant.id,
          clientConfigurationId: config.id,
          address: "broken@ecole.test",
          state: "needs_reconnect",
          lastErrorCode: "AADSTS700082",
        },
        {
          tenantId: first.tenant.id,
          clientConfigurationId: config.id,
          address: "refused@ecole.test",
          state: "config_error",
          lastErrorCode: "AADSTS7000222",
        },
        {
          tenantId: first.tenant.id,
          clientConfigurationId: config.id,
          address: "fine@ecole.test",
          state: "connected",
        },
        {
          tenantId: healthy.tenant.id,
          clientConfigurationId: healthyConfig.id,
          address: "fine@ecole.test",
          state: "connected",
        },
      ],
    });
    const morning = new Date("2030-03-04T07:00:00Z");

    const sent = await sendBrokenMailboxDigest({ now: morning });

    expect(sent).toContain(first.tenant.slug);
    expect(sent).not.toContain(healthy.tenant.slug);
    const [digest] = await mailTo(first.admin.email);
    expect(digest!.subject).toContain("2 mailboxes need attention");
    expect(digest!.text).toContain("broken@ecole.test");
    expect(digest!.text).toContain("refused@ecole.test");
    expect(digest!.text).not.toContain("fine@ecole.test");
    expect((await mailTo(secondAdmin.email))[0]!.subject).toContain("demandent une intervention");
    expect(await mailTo(healthy.admin.email)).toHaveLength(0);
    expect(await mailTo(first.member.email)).toHaveLength(0);

    expect(await sendBrokenMailboxDigest({ now: new Date("2030-03-04T22:00:00Z") })).not.toContain(
      first.tenant.slug,
    );
    expect(await mailTo(first.admin.email)).toHaveLength(1);
    // The school's day (Europe/Paris, UTC+1 in March): 23:30 UTC is already the 5th there.
    expect(await sendBrokenMailboxDigest({ now: new Date("2030-03-04T23:30:00Z") })).toContain(
      first.tenant.slug,
    );
    expect(await mailTo(first.admin.email)).toHaveLength(2);
    expect(await sendBrokenMailboxDigest({ now: new Date("2030-03-05T07:00:00Z") })).not.toContain(
      first.tenant.slug,
    );
    expect(await mailTo(first.admin.email)).toHaveLength(2);
  });
});

describe("a storm", () => {
  it("200 mailboxes refused for invalid_client: one mail to each admin, none to owners", async () => {
    const { tenant, admin, member } = await seedTenantWithPeople();
    await (await getDb()).user.update({ where: { id: admin.id }, data: { locale: "en" } });
    const otherAdmin = await seedMember(tenant.id, "admin");
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const db = await getDb();
    const ids = Array.from({ length: 200 }, () => crypto.randomUUID());
    await db.mailbox.createMany({
      data: ids.map((id, index) => ({
        id,
        tenantId: tenant.id,
        clientConfigurationId: config.id,
        address: `box${index}@ecole.test`,
        state: "connected" as const,
        accessTokenCipher: encryptSecret(`at-${index}`, accessTokenAad(id)),
        refreshTokenCipher: encryptSecret(`rt-${index}`, refreshTokenAad(id)),
        accessTokenExpiresAt: new Date(Date.now() - 1000),
      })),
    });
    await db.mailboxAssignment.createMany({
      data: ids.map((mailboxId) => ({ tenantId: tenant.id, mailboxId, userId: member.id })),
    });
    fakes.control.setClientSecretExpired(MICROSOFT_CLIENT.clientId);
    try {
      for (let start = 0; start < ids.length; start += 20) {
        await Promise.allSettled(
          ids.slice(start, start + 20).map((id) => getAccessToken(id, { tenantId: tenant.id })),
        );
      }
    } finally {
      fakes.control.setClientSecretExpired(MICROSOFT_CLIENT.clientId, false);
    }

    expect(await db.mailbox.count({ where: { tenantId: tenant.id, state: "config_error" } })).toBe(200);
    expect(await mailTo(admin.email)).toHaveLength(1);
    expect(await mailTo(otherAdmin.email)).toHaveLength(1);
    expect((await mailTo(admin.email))[0]!.text).toContain("200 mailboxes stopped");
    expect(await mailTo(member.email)).toHaveLength(0);
    // The first refusal flags the configuration; the others are not sent to the provider.
    expect(fakes.control.stats().tokenRequestsByGrantType.refresh_token).toBeLessThanOrEqual(20);
  });
});

describe("the language and time zone of mail to people", () => {
  // 23:30 UTC on 2 December: 00:30 on 3 December in Paris, 18:30 on 2 December in Toronto.
  const failingSince = new Date("2026-12-02T23:30:00Z");
  // ICU writes no-break spaces; the French catalog one before a colon.
  const plain = (text: string) => text.replace(/\s/g, " ");

  async function pauseAnEndpoint(tenantId: string) {
    const db = await getDb();
    const endpoint = await db.webhookEndpoint.create({
      data: {
        tenantId,
        url: "https://hooks.ecole.test/relais",
        eventTypes: ["mail.sent"],
        secretCipher: "unused",
        failingSince,
      },
    });
    expect(await pauseFailingWebhookEndpoint(tenantId, endpoint.id)).toBe(true);
  }

  it("is the school's for a person who chose none, dates in the school's zone; a person's own language wins", async () => {
    // A new school is French, in Europe/Paris; seeded people have chosen no language.
    const { tenant, admin } = await seedTenantWithPeople();
    const english = await seedMember(tenant.id, "admin", { locale: "en" });

    await pauseAnEndpoint(tenant.id);

    const [toSchoolLanguage] = await mailTo(admin.email);
    expect(plain(toSchoolLanguage!.subject)).toBe(
      `${tenant.name} : un point de réception de webhooks a été suspendu`,
    );
    expect(plain(toSchoolLanguage!.text)).toContain(
      "échouent depuis le 3 déc. 2026, 00:30 (fuseau Europe/Paris).",
    );
    const [toEnglish] = await mailTo(english.email);
    expect(toEnglish!.subject).toBe(`${tenant.name}: a webhook endpoint was paused`);
    expect(plain(toEnglish!.text)).toContain("has failed since 3 Dec 2026, 00:30 (Europe/Paris time).");
  });

  it("follows the school's settings: an English-speaking school in Toronto", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const french = await seedMember(tenant.id, "admin", { locale: "fr" });
    await (
      await getDb()
    ).tenant.update({ where: { id: tenant.id }, data: { locale: "en", timeZone: "America/Toronto" } });

    await pauseAnEndpoint(tenant.id);

    const [toSchoolLanguage] = await mailTo(admin.email);
    expect(toSchoolLanguage!.subject).toBe(`${tenant.name}: a webhook endpoint was paused`);
    expect(plain(toSchoolLanguage!.text)).toContain(
      "has failed since 2 Dec 2026, 18:30 (America/Toronto time).",
    );
    const [toFrench] = await mailTo(french.email);
    expect(plain(toFrench!.text)).toContain(
      "échouent depuis le 2 déc. 2026, 18:30 (fuseau America/Toronto).",
    );
  });

  it("is the school's in a reconnect notice to an owner who chose no language", async () => {
    const french = await seedTenantWithPeople();
    const english = await seedTenantWithPeople();
    const db = await getDb();
    await db.tenant.update({ where: { id: english.tenant.id }, data: { locale: "en" } });
    for (const { tenant, member } of [french, english]) {
      const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
      const mailbox = await db.mailbox.create({
        data: {
          tenantId: tenant.id,
          clientConfigurationId: config.id,
          address: `owner-${tenant.slug}@ecole.test`,
          state: "needs_reconnect",
          lastErrorCode: "AADSTS700082",
        },
      });
      await db.mailboxAssignment.create({
        data: { tenantId: tenant.id, mailboxId: mailbox.id, userId: member.id },
      });
      expect(await notifyOwnersOfBrokenMailboxes({ tenantId: tenant.id })).toBe(1);
    }

    expect((await mailTo(french.member.email))[0]!.subject).toBe(
      `Reconnectez la boîte owner-${french.tenant.slug}@ecole.test`,
    );
    expect((await mailTo(english.member.email))[0]!.subject).toBe(
      `Reconnect the mailbox owner-${english.tenant.slug}@ecole.test`,
    );
  });
});
