import { describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors/domain-error";
import type { ClientConfigurationForm } from "@/lib/clients/client-configuration-form";
import { formValuesOf, presetFormValues, type ClientFormValues } from "@/lib/clients/client-form-values";
import { secretExpiryStatus } from "@/lib/clients/client-secret-expiry";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { getClientConfiguration } from "@/lib/clients/get-client-configuration";
import { listClientConfigurations } from "@/lib/clients/list-client-configurations";
import { testClientConfiguration } from "@/lib/clients/test-client-configuration";
import { updateClientConfiguration } from "@/lib/clients/update-client-configuration";
import { getDb } from "@/lib/db/client";
import { sendClientSecretReminders } from "@/lib/notifications/send-client-secret-reminders";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { readable } from "../support/captured-mail";
import { contextFor, seedMember, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import {
  MICROSOFT_CLIENT,
  connectAtFake,
  seedFakeConfiguration,
  useTokenTestEnvironment,
} from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

/** A school whose language is English, so that its people who chose none read English. */
async function seedEnglishSchool() {
  const people = await seedTenantWithPeople();
  await (await getDb()).tenant.update({ where: { id: people.tenant.id }, data: { locale: "en" } });
  return { ...people, tenant: { ...people.tenant, locale: "en" } };
}

useTokenTestEnvironment();
delete process.env.RELAIS_SMTP_URL;
useTestDatabase();
const fakes = useTokenFakes();

const DAY = 86_400_000;
const NOW = new Date("2031-05-12T08:00:00Z");
const after = (days: number, from = NOW) => new Date(from.getTime() + days * DAY);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

const mailTo = async (email: string) =>
  (await (await getDb()).capturedMail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } })).map(
    readable,
  );

let counter = 0;
/** The Microsoft form as the browser posts it. */
function microsoftForm(overrides: ClientConfigurationForm = {}): ClientConfigurationForm {
  const values = presetFormValues(
    { preset: "microsoft", directory: "organizations" },
    `Microsoft ${++counter}`,
  ) as ClientFormValues;
  return {
    ...values,
    pkce: String(values.pkce),
    googleTesting: String(values.googleTesting),
    clientId: "ms-client",
    ...overrides,
  };
}

async function school() {
  const people = await seedEnglishSchool();
  return { ...people, ctx: await contextFor(people.admin, people.tenant, "clients.write") };
}

async function rowOf(id: string) {
  return (await getDb()).clientConfiguration.findUniqueOrThrow({ where: { id } });
}

async function auditOf(tenantId: string, action: string) {
  const entries = await (
    await getDb()
  ).auditEntry.findMany({ where: { tenantId, action }, orderBy: { id: "asc" } });
  return entries.map((entry) => entry.details);
}

describe("a client secret's expiry date", () => {
  it("is typed on the form, validated, saved, audited and shown with how long is left", async () => {
    const { ctx, tenant } = await school();
    const expires = dayOf(after(87, new Date()));
    const created = await createClientConfiguration(
      ctx,
      microsoftForm({ clientSecret: "first-secret-value-0001", clientSecretExpiresOn: expires }),
    );
    expect(dayOf((await rowOf(created.id)).clientSecretExpiresOn!)).toBe(expires);
    expect(await auditOf(tenant.id, "client.created")).toEqual([
      expect.objectContaining({ clientSecretExpiresOn: expires }),
    ]);

    const details = await getClientConfiguration(ctx, created.id);
    expect(formValuesOf(details).clientSecretExpiresOn).toBe(expires);
    expect(secretExpiryStatus(details, new Date())).toMatchObject({ daysLeft: 87, tone: "later" });
    expect(secretExpiryStatus(details, after(60, new Date()))).toMatchObject({ daysLeft: 27, tone: "soon" });
    expect(secretExpiryStatus(details, after(88, new Date()))).toMatchObject({
      daysLeft: -1,
      tone: "expired",
    });

    const form = microsoftForm({ name: created.name });
    const refused = await updateClientConfiguration(ctx, created.id, {
      ...form,
      clientSecretExpiresOn: "2031-02-30",
    }).catch((error: DomainError) => error);
    expect(refused).toMatchObject({
      fieldErrors: { clientSecretExpiresOn: "clients.validation.secretExpiryInvalid" },
    });

    const sooner = dayOf(after(20, new Date()));
    const saved = await updateClientConfiguration(ctx, created.id, {
      ...form,
      clientSecretExpiresOn: sooner,
    });
    expect(saved).toMatchObject({ changed: ["clientSecretExpiresOn"], clientSecretExpiresOn: sooner });
    expect(await auditOf(tenant.id, "client.updated")).toEqual([
      { changed: ["clientSecretExpiresOn"], clientSecretExpiresOn: { from: expires, to: sooner } },
    ]);
    const [listed] = await listClientConfigurations(ctx);
    expect(listed!.secretExpiry).toMatchObject({ daysLeft: 20, tone: "soon" });
  });

  it("is reminded to the school's admins at 60, 30 and 7 days, once each, in their language", async () => {
    const { ctx, tenant, admin, member } = await school();
    const frenchAdmin = await seedMember(tenant.id, "admin", { locale: "fr" });
    const created = await createClientConfiguration(
      ctx,
      microsoftForm({ clientSecret: "first-secret-value-0001", clientSecretExpiresOn: dayOf(after(59)) }),
    );
    const other = await school();
    await createClientConfiguration(
      other.ctx,
      microsoftForm({ clientSecret: "other-secret-value-0001", clientSecretExpiresOn: dayOf(after(200)) }),
    );

    // Two workers at once, then later runs within the same threshold.
    await Promise.all([sendClientSecretReminders({ now: NOW }), sendClientSecretReminders({ now: NOW })]);
    await sendClientSecretReminders({ now: after(10) });
    const [first, ...none] = await mailTo(admin.email);
    expect(none).toHaveLength(0);
    expect(first!.subject).toBe(
      `${tenant.name}: the client secret of “${created.name}” expires on 10 Jul 2031`,
    );
    expect(first!.text).toContain("in 59 days");
    expect(first!.text).toContain("Azure portal");
    expect(first!.text).toContain(`/t/${tenant.slug}/clients/${created.id}`);
    const french = await mailTo(frenchAdmin.email);
    expect(french).toHaveLength(1);
    expect(french[0]!.subject).toBe(
      `${tenant.name}\u00a0: le secret client de «\u00a0${created.name}\u00a0» expire le 10 juil. 2031`,
    );

    await sendClientSecretReminders({ now: after(30) });
    await sendClientSecretReminders({ now: after(31) });
    await sendClientSecretReminders({ now: after(53) });
    await sendClientSecretReminders({ now: after(57) });
    // Expired: nothing more; the configuration page says so.
    await sendClientSecretReminders({ now: after(60) });
    const mails = await mailTo(admin.email);
    expect(mails.map((mail) => /in (\d+) days/.exec(mail.text)?.[1])).toEqual(["59", "29", "6"]);
    expect(await mailTo(frenchAdmin.email)).toHaveLength(3);
    expect(await mailTo(member.email)).toHaveLength(0);
    expect(await mailTo(other.admin.email)).toHaveLength(0);
    expect(
      (await (await getDb()).clientSecretReminder.findMany({ where: { clientConfigurationId: created.id } }))
        .map((row) => row.thresholdDays)
        .sort((a, b) => a - b),
    ).toEqual([7, 30, 60]);
  });

  it("is reset with its reminders when a new secret is saved, unless a new date comes with it", async () => {
    const { ctx, tenant, admin } = await school();
    const expires = dayOf(after(25));
    const created = await createClientConfiguration(
      ctx,
      microsoftForm({ clientSecret: "first-secret-value-0001", clientSecretExpiresOn: expires }),
    );
    await sendClientSecretReminders({ now: NOW });
    expect(await mailTo(admin.email)).toHaveLength(1);

    // The form posts the date it shows: the old one, with the new secret.
    const form = microsoftForm({ name: created.name, clientSecretExpiresOn: expires });
    const saved = await updateClientConfiguration(ctx, created.id, {
      ...form,
      clientSecret: "second-secret-value-0002",
    });
    expect(saved.clientSecretExpiresOn).toBeNull();
    expect((await rowOf(created.id)).clientSecretExpiresOn).toBeNull();
    const db = await getDb();
    expect(await db.clientSecretReminder.count({ where: { clientConfigurationId: created.id } })).toBe(0);

    // The date typed again for the new secret: its reminders start over.
    await updateClientConfiguration(ctx, created.id, { ...form, clientSecretExpiresOn: expires });
    await sendClientSecretReminders({ now: NOW });
    expect(await mailTo(admin.email)).toHaveLength(2);

    // A new secret with its own date: that date is kept, and its reminders are its own.
    const next = dayOf(after(400));
    await updateClientConfiguration(ctx, created.id, {
      ...form,
      clientSecret: "fourth-secret-value-0004",
      clientSecretExpiresOn: next,
    });
    expect(dayOf((await rowOf(created.id)).clientSecretExpiresOn!)).toBe(next);
    expect(await db.clientSecretReminder.count({ where: { clientConfigurationId: created.id } })).toBe(0);
    const change = (from: string | null, to: string | null) => ({
      changed: ["clientSecretExpiresOn"],
      clientSecretExpiresOn: { from, to },
    });
    expect(await auditOf(tenant.id, "client.updated")).toEqual([
      { ...change(expires, null), clientSecret: "replaced" },
      change(null, expires),
      { ...change(expires, next), clientSecret: "replaced" },
    ]);
  });

  it("becomes “already expired” when Microsoft answers AADSTS7000222, and is shown so", async () => {
    const { tenant, admin, member, ctx } = await school();
    const db = await getDb();
    const config = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const typed = dayOf(after(40, new Date()));
    await db.clientConfiguration.update({
      where: { id: config.id },
      data: { clientSecretExpiresOn: new Date(`${typed}T00:00:00Z`) },
    });
    const probed = await seedFakeConfiguration(fakes, tenant.id, "microsoft");
    const { mailbox } = await connectAtFake(fakes, "microsoft", {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: `secretaire-${tenant.slug}@college.test`,
      accessExpiresIn: -10,
      ownerIds: [member.id],
    });
    fakes.control.setClientSecretExpired(MICROSOFT_CLIENT.clientId);
    try {
      await expect(getAccessToken(mailbox.id, { tenantId: tenant.id })).rejects.toMatchObject({
        state: "config_error",
      });
      // "Test this application" hears the same answer.
      expect(await testClientConfiguration(ctx, { id: probed.id })).toMatchObject({
        outcome: "secret_expired",
      });
    } finally {
      fakes.control.setClientSecretExpired(MICROSOFT_CLIENT.clientId, false);
    }

    const today = dayOf(new Date());
    for (const id of [config.id, probed.id]) {
      const row = await rowOf(id);
      expect(dayOf(row.clientSecretExpiresOn!)).toBe(today);
      expect(row.clientSecretExpiredSeenAt).not.toBeNull();
    }
    expect(await auditOf(tenant.id, "client.secret_expired")).toEqual([
      { clientSecretExpiresOn: { from: typed, to: today } },
      { clientSecretExpiresOn: { from: null, to: today } },
    ]);
    const details = await getClientConfiguration(ctx, config.id);
    expect(secretExpiryStatus(details, new Date())).toMatchObject({ tone: "expired", seenExpired: true });
    const listed = (await listClientConfigurations(ctx)).find((c) => c.id === config.id);
    expect(listed!.secretExpiry).toMatchObject({ tone: "expired", seenExpired: true });
    // No reminder for what has expired: the admins were told the application is refused.
    await sendClientSecretReminders();
    const subjects = (await mailTo(admin.email)).map((mail) => mail.subject);
    expect(subjects).toEqual([`${tenant.name}: an OAuth application was refused`]);

    // Saving a new secret forgets it.
    await updateClientConfiguration(ctx, config.id, {
      ...formValuesOfForm(formValuesOf(details)),
      clientSecret: MICROSOFT_CLIENT.clientSecret,
    });
    const renewed = await rowOf(config.id);
    expect([renewed.clientSecretExpiresOn, renewed.clientSecretExpiredSeenAt]).toEqual([null, null]);
  });
});

/** The edit form's values as posted. */
function formValuesOfForm(values: ClientFormValues): ClientConfigurationForm {
  return { ...values, pkce: String(values.pkce), googleTesting: String(values.googleTesting) };
}
