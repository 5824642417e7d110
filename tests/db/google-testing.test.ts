import { storedGrantEnd } from "@/lib/connections/stored-grant-end";
import { defaultFormatLocales } from "@/lib/i18n/dates/format-locale";
import type { Translator } from "@/lib/i18n/translate";
import { beforeAll, describe, expect, it } from "vitest";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { presetFormValues, type ClientFormValues } from "@/lib/clients/client-form-values";
import { detectGoogleTesting } from "@/lib/clients/detect-google-testing";
import { getClientConfiguration } from "@/lib/clients/get-client-configuration";
import { updateClientConfiguration } from "@/lib/clients/update-client-configuration";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { listMailboxes } from "@/lib/mailboxes/list-mailboxes";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { getConnectionDetails } from "@/lib/tokens/get-connection-details";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { seedMailbox } from "../support/seed-mailboxes";
import { useTestDatabase } from "../support/test-db";
import { connectAtFake, seedFakeConfiguration, useTokenTestEnvironment } from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

const datesOf = (t: Translator) => ({ locale: defaultFormatLocales[t.locale], timeZone: "Europe/Paris" });

// A Google application in "Testing" publishing status (docs/keep-alive.md): Google ends refresh tokens
// 7 days after the grant. The fake plays it on its simulated clock; Relais finds it from the first
// week's refusals, or the admin declares it, and it shows as a configuration warning with the fix
// and as the forecast end of its connections.

useTokenTestEnvironment();
useTestDatabase();

const fakes = useTokenFakes();
beforeAll(() => fakes.control.setGoogleTestingPublishingStatus(true));

const DAY_MS = 24 * 3600_000;
const en = createTranslator("en");
const fr = createTranslator("fr");
const address = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@college.test`;

async function googleSchoolInTesting(grantedDaysAgo: number[]) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
  const mailboxes = [];
  for (const [i, days] of grantedDaysAgo.entries()) {
    const { mailbox } = await connectAtFake(fakes, "google", {
      tenantId: people.tenant.id,
      clientConfigurationId: config.id,
      address: address(`testing${i}`),
      ownerIds: [people.member.id],
      connectedAt: new Date(Date.now() - days * DAY_MS),
    });
    mailboxes.push(mailbox);
  }
  return { ...people, config, mailboxes };
}

async function refreshRefused(mailboxId: string, tenantId: string) {
  await expect(getAccessToken(mailboxId, { tenantId, forceRefresh: true })).rejects.toMatchObject({
    state: "needs_reconnect",
    code: "invalid_grant",
  });
}

describe("a Google application in Testing publishing status", () => {
  it("is found from its mailboxes' grants dying a week after they were given, and shown with the fix", async () => {
    // Two mailboxes connected a week and an hour ago, one yesterday; another school's alike, untouched.
    const school = await googleSchoolInTesting([7 + 1 / 24, 7 + 1 / 24, 1]);
    const other = await googleSchoolInTesting([1, 1]);
    const [first, second, young] = school.mailboxes;
    const db = await getDb();
    // Google announced nothing Relais stored: the only end known is its six months without use.
    expect(storedGrantEnd(await db.mailbox.findUniqueOrThrow({ where: { id: young!.id } }))?.reason).toBe(
      "inactivity",
    );
    // At Google, a week and an hour pass: the old grants' refresh tokens are dead.
    fakes.control.advanceClock(7 * DAY_MS + 3600_000);

    await refreshRefused(first!.id, school.tenant.id);
    // One death among three mailboxes is not enough.
    expect(
      (await db.clientConfiguration.findUniqueOrThrow({ where: { id: school.config.id } }))
        .googleTestingDetectedAt,
    ).toBeNull();
    await refreshRefused(second!.id, school.tenant.id);

    const config = await db.clientConfiguration.findUniqueOrThrow({ where: { id: school.config.id } });
    expect(config).toMatchObject({ googleTesting: false, googleTestingDetectedAt: expect.any(Date) });
    const [audit] = await db.auditEntry.findMany({
      where: { targetId: school.config.id, action: "client.google_testing_detected" },
    });
    expect(audit).toMatchObject({ tenantId: school.tenant.id, details: { mailboxes: 2 } });
    expect(
      (await db.clientConfiguration.findUniqueOrThrow({ where: { id: other.config.id } }))
        .googleTestingDetectedAt,
    ).toBeNull();

    // The configuration page's warning, with the fix, in both languages.
    const adminCtx = await contextFor(school.admin, school.tenant);
    const page = await getClientConfiguration(adminCtx, school.config.id);
    expect(page.warnings).toContain("clients.warnings.googleTestingDetected");
    expect(en("clients.warnings.googleTestingDetected")).toMatch(/publish it, or make it Internal/);
    expect(fr("clients.warnings.googleTestingDetected")).toMatch(/publiez-la, ou rendez-la interne/);

    // The mailbox still connected now ends 7 days after its grant, said wherever it is shown.
    const youngRow = await db.mailbox.findUniqueOrThrow({ where: { id: young!.id } });
    expect(youngRow.grantEndsAt).toEqual(new Date(youngRow.connectedAt!.getTime() + 7 * DAY_MS));
    const { health } = await getMailbox(adminCtx, young!.id);
    expect(health).toMatchObject({
      code: "ending_soon",
      headline: { key: "mailboxes.health.endingSoonTesting" },
      advice: { admin: { key: "mailboxes.health.advice.endingTesting" } },
    });
    expect(mailboxHealthWords(fr, datesOf(fr), health, "admin").advice).toContain("Google Auth Platform");
    expect((await getConnectionDetails(adminCtx, young!.id)).predictedEnd?.reason).toBe("testing");
    const listed = await listMailboxes(adminCtx, { sort: "expiry" });
    expect(listed.mailboxes.find((m) => m.id === young!.id)?.grantEnd?.reason).toBe("testing");

    // The dead ones need reconnecting, their owners told, as for any refused grant.
    for (const dead of [first!, second!]) {
      const row = await db.mailbox.findUniqueOrThrow({ where: { id: dead.id } });
      expect(row).toMatchObject({ state: "needs_reconnect", lastErrorCode: "invalid_grant" });
      expect(row.ownersNotifiedAt).not.toBeNull();
    }
  });

  it("is not concluded from a grant that died long after it was given", async () => {
    const school = await googleSchoolInTesting([30, 30]);
    const db = await getDb();
    for (const mailbox of school.mailboxes) {
      await db.mailbox.update({
        where: { id: mailbox.id },
        data: { state: "needs_reconnect", lastErrorCode: "invalid_grant", lastErrorAt: new Date() },
      });
    }

    expect(await detectGoogleTesting(school.tenant.id, school.config.id)).toBe(false);
    expect(
      (await db.clientConfiguration.findUniqueOrThrow({ where: { id: school.config.id } }))
        .googleTestingDetectedAt,
    ).toBeNull();
  });

  it("is declared by the admin on the form (Google only); unticking it clears a detection for good", async () => {
    const { tenant, admin } = await seedTenantWithPeople();
    const ctx = await contextFor(admin, tenant);
    const values = presetFormValues(
      { preset: "google" },
      `Google ${crypto.randomUUID().slice(0, 6)}`,
    ) as ClientFormValues;
    const form = {
      ...values,
      pkce: String(values.pkce),
      clientId: "1234-abc.apps.googleusercontent.com",
      clientSecret: "GOCSPX-testing-secret",
    };
    const created = await createClientConfiguration(ctx, { ...form, googleTesting: "true" });
    const db = await getDb();
    const mailbox = await seedMailbox(tenant.id, created.id, { state: "connected" });
    const grant = new Date(Date.now() - 2 * DAY_MS);
    await db.mailbox.update({ where: { id: mailbox.id }, data: { connectedAt: grant } });

    expect((await getClientConfiguration(ctx, created.id)).warnings).toContain(
      "clients.warnings.googleTesting",
    );
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).grantEndsAt).toEqual(
      new Date(grant.getTime() + 7 * DAY_MS),
    );

    // Published: unticked. The warning and the 7-day forecast go.
    await updateClientConfiguration(ctx, created.id, { ...form, googleTesting: "false" });
    expect((await getClientConfiguration(ctx, created.id)).warnings).not.toContain(
      "clients.warnings.googleTesting",
    );
    expect(storedGrantEnd(await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } }))?.reason).toBe(
      "inactivity",
    );

    // Detected later, then unticked again: cleared, and grants older than that are no evidence any more.
    await db.clientConfiguration.update({
      where: { id: created.id },
      data: { googleTestingDetectedAt: new Date() },
    });
    const detected = await getClientConfiguration(ctx, created.id);
    expect(detected.warnings).toContain("clients.warnings.googleTestingDetected");
    await updateClientConfiguration(ctx, created.id, { ...form, googleTesting: "false" });
    const cleared = await db.clientConfiguration.findUniqueOrThrow({ where: { id: created.id } });
    expect(cleared).toMatchObject({ googleTesting: false, googleTestingDetectedAt: null });
    expect(cleared.googleTestingClearedAt).not.toBeNull();
    for (const label of ["old1", "old2"]) {
      const old = await seedMailbox(tenant.id, created.id, {
        address: address(label),
        state: "needs_reconnect",
      });
      const connectedAt = new Date(Date.now() - 8 * DAY_MS);
      await db.mailbox.update({
        where: { id: old.id },
        data: {
          connectedAt,
          lastErrorCode: "invalid_grant",
          lastErrorAt: new Date(connectedAt.getTime() + 7 * DAY_MS),
        },
      });
    }
    expect(await detectGoogleTesting(tenant.id, created.id)).toBe(false);

    // Not a Google configuration: the box means nothing and is not kept.
    const ms = presetFormValues(
      { preset: "microsoft", directory: "organizations" },
      `MS ${crypto.randomUUID().slice(0, 6)}`,
    )!;
    const microsoft = await createClientConfiguration(ctx, {
      ...ms,
      pkce: String(ms.pkce),
      clientId: "00000000-0000-4000-8000-000000000003",
      googleTesting: "true",
    });
    expect(
      (await db.clientConfiguration.findUniqueOrThrow({ where: { id: microsoft.id } })).googleTesting,
    ).toBe(false);
  });
});
