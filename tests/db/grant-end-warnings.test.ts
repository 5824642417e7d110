import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { warnEndingConnections } from "@/lib/notifications/warn-ending-connections";
import { runMaintenance } from "@/lib/worker/run-maintenance";
import { recordingLog } from "../support/capture-logs";
import { readable } from "../support/captured-mail";
import { seedMember, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

/** A school whose language is English, so that its people who chose none read English. */
async function seedEnglishSchool() {
  const people = await seedTenantWithPeople();
  await (await getDb()).tenant.update({ where: { id: people.tenant.id }, data: { locale: "en" } });
  return { ...people, tenant: { ...people.tenant, locale: "en" } };
}

process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
delete process.env.RELAIS_SMTP_URL;

useTestDatabase();

const DAY = 86_400_000;
const NOW = new Date("2031-05-12T08:00:00Z");
const after = (days: number, from = NOW) => new Date(from.getTime() + days * DAY);

const mailTo = async (email: string) =>
  (await (await getDb()).capturedMail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } })).map(
    readable,
  );

async function configuration(tenantId: string, provider: "microsoft" | "google", googleTesting = false) {
  const db = await getDb();
  const microsoft = provider === "microsoft";
  return db.clientConfiguration.create({
    data: {
      tenantId,
      name: `${provider} ${randomBytes(3).toString("hex")}`,
      provider,
      clientId: `${provider}-client`,
      tokenEndpoint: microsoft
        ? "https://login.microsoftonline.com/organizations/oauth2/v2.0/token"
        : "https://oauth2.googleapis.com/token",
      authorizationEndpoint: microsoft
        ? "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"
        : "https://accounts.google.com/o/oauth2/v2/auth",
      scopes: [],
      smtpHost: microsoft ? "smtp.office365.com" : "smtp.gmail.com",
      smtpPort: microsoft ? 587 : 465,
      smtpSecurity: microsoft ? "starttls" : "tls",
      googleTesting,
    },
  });
}

/** A connected mailbox holding a refresh token; the database forecasts its end from these dates. */
async function connected(
  tenantId: string,
  clientConfigurationId: string,
  dates: { refreshTokenExpiresAt?: Date; lastRefreshAt?: Date; connectedAt?: Date },
  ownerIds: string[] = [],
) {
  const db = await getDb();
  const mailbox = await db.mailbox.create({
    data: {
      tenantId,
      clientConfigurationId,
      address: `box-${randomBytes(4).toString("hex")}@ecole.test`,
      state: "connected",
      refreshTokenCipher: "sealed",
      connectedAt: dates.connectedAt ?? NOW,
      lastRefreshAt: dates.lastRefreshAt ?? NOW,
      refreshTokenExpiresAt: dates.refreshTokenExpiresAt ?? null,
    },
  });
  if (ownerIds.length > 0) {
    await db.mailboxAssignment.createMany({
      data: ownerIds.map((userId) => ({ tenantId, mailboxId: mailbox.id, userId })),
    });
  }
  return mailbox;
}

describe("warnings of a connection's end", () => {
  it("mail its owners and the school's admins once, in their language, whichever worker runs the chore", async () => {
    const school = await seedEnglishSchool();
    const frenchAdmin = await seedMember(school.tenant.id, "admin", { locale: "fr" });
    const frenchOwner = await seedMember(school.tenant.id, "member", { locale: "fr" });
    const bystander = await seedMember(school.tenant.id, "member");
    const config = await configuration(school.tenant.id, "microsoft");
    // The provider announced its end in 10 days (Microsoft's 90 days after the last refresh come later).
    const ending = await connected(school.tenant.id, config.id, { refreshTokenExpiresAt: after(10) }, [
      school.member.id,
      frenchOwner.id,
    ]);
    const far = await connected(school.tenant.id, config.id, { refreshTokenExpiresAt: after(40) }, [
      bystander.id,
    ]);
    const other = await seedEnglishSchool();
    const otherConfig = await configuration(other.tenant.id, "microsoft");
    const otherEnding = await connected(other.tenant.id, otherConfig.id, {
      refreshTokenExpiresAt: after(10),
    });

    // The chores of two workers at the same moment, then their next run.
    const log = recordingLog();
    await Promise.all([runMaintenance(log.log, NOW), runMaintenance(log.log, NOW)]);
    await runMaintenance(log.log, after(0.1));
    expect(log.entries().filter((entry) => entry.msg === "Maintenance chore failed")).toEqual([]);

    const [toOwner, ...moreToOwner] = await mailTo(school.member.email);
    expect(moreToOwner).toHaveLength(0);
    expect(toOwner!.subject).toBe(`The connection of ${ending.address} ends on 22 May 2031`);
    expect(toOwner!.text).toContain(`${ending.address}: ends on 22 May 2031, in 10 days.`);
    expect(toOwner!.text).toContain("The provider announced this end.");
    expect(toOwner!.text).toContain(`/t/${school.tenant.slug}/my-mailboxes`);
    expect(toOwner!.text).not.toContain(far.address);

    const toFrenchOwner = await mailTo(frenchOwner.email);
    expect(toFrenchOwner).toHaveLength(1);
    expect(toFrenchOwner[0]!.subject).toBe(`La connexion de ${ending.address} prend fin le 22 mai 2031`);
    expect(toFrenchOwner[0]!.text).toContain("dans 10 jours");
    expect(toFrenchOwner[0]!.text).toContain("Reconnectez-les ici");

    const toAdmin = await mailTo(school.admin.email);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.subject).toBe(`${school.tenant.name}: 1 mailbox connection ends soon`);
    expect(toAdmin[0]!.text).toContain(ending.address);
    expect(toAdmin[0]!.text).toContain("must reconnect it before then");
    expect(toAdmin[0]!.text).toContain(`/t/${school.tenant.slug}/mailboxes`);
    expect(toAdmin[0]!.text).not.toContain(far.address);
    const toFrenchAdmin = await mailTo(frenchAdmin.email);
    expect(toFrenchAdmin).toHaveLength(1);
    expect(toFrenchAdmin[0]!.subject).toBe(
      `${school.tenant.name}\u00a0: 1 connexion de boîte prend bientôt fin`,
    );

    // Nobody else: not the owner of a connection ending later; another school hears of its own only.
    expect(await mailTo(bystander.email)).toHaveLength(0);
    expect(toAdmin[0]!.text).not.toContain(otherEnding.address);
    const toOtherAdmin = await mailTo(other.admin.email);
    expect(toOtherAdmin).toHaveLength(1);
    expect(toOtherAdmin[0]!.text).toContain(otherEnding.address);
    expect(toOtherAdmin[0]!.text).not.toContain(ending.address);
    expect(await mailTo(other.member.email)).toHaveLength(0);
    const db = await getDb();
    expect(await db.grantEndWarning.findMany({ where: { tenantId: school.tenant.id } })).toEqual([
      expect.objectContaining({ mailboxId: ending.id, thresholdDays: 14, reason: "provider" }),
    ]);
  });

  it("warn again 3 days before, and start over for a renewed forecast", async () => {
    const { tenant, admin, member } = await seedEnglishSchool();
    const config = await configuration(tenant.id, "microsoft");
    const mailbox = await connected(tenant.id, config.id, { refreshTokenExpiresAt: after(10) }, [member.id]);

    await warnEndingConnections({ now: NOW });
    await warnEndingConnections({ now: after(5) });
    expect(await mailTo(member.email)).toHaveLength(1);
    // Two days left: the 3-day warning, once.
    await warnEndingConnections({ now: after(8) });
    await warnEndingConnections({ now: after(8.5) });
    const mails = await mailTo(member.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain("in 2 days");
    expect(await mailTo(admin.email)).toHaveLength(2);

    // Reconnected: the provider announces a new end, 12 days ahead; its warnings start over.
    const db = await getDb();
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { refreshTokenExpiresAt: after(20), connectedAt: after(8.5), lastRefreshAt: after(8.5) },
    });
    await warnEndingConnections({ now: after(8.5) });
    const renewed = await mailTo(member.email);
    expect(renewed).toHaveLength(3);
    expect(renewed[2]!.subject).toContain("1 Jun 2031");
    expect(await mailTo(admin.email)).toHaveLength(3);
  });

  it("leave a Microsoft inactivity end to the keep-alive until 3 days before, and warn of a Google application in Testing", async () => {
    const { tenant, admin, member } = await seedEnglishSchool();
    const microsoft = await configuration(tenant.id, "microsoft");
    // Last refreshed 80 days ago: Microsoft's 90 days end it in 10 days, unless the keep-alive renews it.
    const idle = await connected(
      tenant.id,
      microsoft.id,
      { lastRefreshAt: after(-80), connectedAt: after(-200) },
      [member.id],
    );
    const google = await configuration(tenant.id, "google", true);
    // Google ends a Testing application's grant 7 days after it was given.
    const testing = await connected(tenant.id, google.id, { connectedAt: after(-1) }, [member.id]);

    await warnEndingConnections({ now: NOW });
    const [first, ...others] = await mailTo(member.email);
    expect(others).toHaveLength(0);
    expect(first!.subject).toBe(`The connection of ${testing.address} ends on 18 May 2031`);
    expect(first!.text).toContain("in 6 days");
    expect(first!.text).toContain("“Testing” publishing status");
    expect(first!.text).toContain("ask the school's administrators to publish the application");
    expect(first!.text).not.toContain(idle.address);
    expect((await mailTo(admin.email))[0]!.text).toContain("Google Auth Platform › Audience");

    // The keep-alive could not renew it: 2 days before its end, a warning that says so.
    await warnEndingConnections({ now: after(8) });
    const [, second] = await mailTo(member.email);
    expect(second!.subject).toBe(`The connection of ${idle.address} ends on 22 May 2031`);
    expect(second!.text).toContain("Relais could not renew it by itself in time");
    const [, digest] = await mailTo(admin.email);
    expect(digest!.text).toContain(idle.address);
    expect(digest!.text).toContain("check why Relais cannot renew it");
  });

  it("say nothing of mailboxes that are not connected, or of a suspended school", async () => {
    const { tenant, admin, member } = await seedEnglishSchool();
    const config = await configuration(tenant.id, "microsoft");
    const mailbox = await connected(tenant.id, config.id, { refreshTokenExpiresAt: after(5) }, [member.id]);
    const db = await getDb();
    await db.mailbox.update({ where: { id: mailbox.id }, data: { state: "config_error" } });
    const suspended = await seedEnglishSchool();
    const suspendedConfig = await configuration(suspended.tenant.id, "microsoft");
    await connected(suspended.tenant.id, suspendedConfig.id, { refreshTokenExpiresAt: after(5) }, [
      suspended.member.id,
    ]);
    await db.tenant.update({ where: { id: suspended.tenant.id }, data: { suspendedAt: NOW } });

    await warnEndingConnections({ now: NOW });
    for (const person of [admin, member, suspended.admin, suspended.member])
      expect(await mailTo(person.email)).toHaveLength(0);
  });
});
