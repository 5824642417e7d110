import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { runConfigurationPreflight } from "@/lib/preflight/run-configuration-preflight";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { preflightWords } from "@/lib/preflight/preflight-words";
import { form } from "../support/action-helpers";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import {
  MICROSOFT_CLIENT,
  seedConnectedMailbox,
  seedFakeConfiguration,
  seedMailboxInState,
} from "./outbox-fixtures";
import { useOutboxFakes } from "./use-outbox-fakes";

// The server action runs outside a request here: the session, the headers and the cache are Next's.
const signedInAs = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (signedInAs.id ? { user: { id: signedInAs.id } } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { runConfigurationPreflightAction } = await import("@/lib/preflight/preflight-actions");

useTestDatabase();
const fakes = useOutboxFakes();
const en = createTranslator("en");
const fr = createTranslator("fr");
let counter = 0;

beforeEach(() => {
  signedInAs.id = null;
});
afterEach(() => {
  fakes.control.setConsentRequired(MICROSOFT_CLIENT.clientId, false);
  delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID;
  delete process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_SECRET;
  delete process.env.RELAIS_PLATFORM_MICROSOFT_AUTHORITY;
});

/** A school with a Microsoft SMTP application at the fakes; `connected` mailboxes connected for real. */
async function school(connected: number) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(fakes, people.tenant.id, "microsoft");
  const mailboxes = [];
  for (let i = 0; i < connected; i++) {
    const address = `${String.fromCharCode(97 + i)}-conf${++counter}-${people.tenant.slug}@college.test`;
    mailboxes.push(await seedConnectedMailbox(fakes, config, address));
  }
  const ctx = await contextFor(people.admin, people.tenant, "clients.write");
  return { ...people, config, mailboxes, ctx };
}

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const stepsOf = (report: { steps: { step: string; status: string }[] }) =>
  report.steps.map((s) => [s.step, s.status]);

describe("the OAuth application's preflight", () => {
  it("tests the credentials, then the first connected mailbox, and keeps that mailbox's outcome", async () => {
    const { config, mailboxes, ctx, tenant } = await school(2);
    // A mailbox not connected comes first by address, and is passed over.
    await seedMailboxInState(config, `0-pending${++counter}-${tenant.slug}@college.test`, "needs_reconnect");
    fakes.control.disableSmtpAuth(mailboxes[0]!.address);
    const before = fakes.control.stats().smtp;

    const report = await runConfigurationPreflight(ctx, { id: config.id });

    expect(report.mailbox).toEqual({ id: mailboxes[0]!.id, address: mailboxes[0]!.address, chosen: false });
    expect(stepsOf(report)).toEqual([
      ["credentials", "passed"],
      ["token", "passed"],
      ["scopes", "passed"],
      ["smtp", "failed"],
    ]);
    expect(report.steps[3]).toMatchObject({ code: expect.stringContaining("5.7.139") });
    const words = preflightWords(en, report);
    expect(words[0]).toMatchObject({
      title: "Token endpoint and credentials",
      result: en("clients.test.outcomes.ok"),
    });
    expect(words[3]!.fix).toBe(en("mailboxes.smtpAuthOff.body"));
    const after = fakes.control.stats().smtp;
    expect(after.authAttempts - before.authAttempts).toBe(1);
    expect(after.messagesAccepted).toBe(before.messagesAccepted);

    const db = await getDb();
    const checked = await db.mailbox.findUniqueOrThrow({ where: { id: mailboxes[0]!.id } });
    expect(checked.lastPreflightAt).not.toBeNull();
    expect(checked.lastPreflight).toMatchObject({ trigger: "configuration" });
    const other = await db.mailbox.findUniqueOrThrow({ where: { id: mailboxes[1]!.id } });
    expect(other.lastPreflightAt).toBeNull();
    const row = await db.clientConfiguration.findUniqueOrThrow({ where: { id: config.id } });
    expect(row).toMatchObject({ lastTestOutcome: "ok" });
    const audits = await db.auditEntry.findMany({
      where: { tenantId: tenant.id, action: { in: ["client.tested", "mailbox.preflight"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => [a.action, a.targetId])).toEqual([
      ["client.tested", config.id],
      ["mailbox.preflight", mailboxes[0]!.id],
    ]);
    expect(audits[1]!.details).toMatchObject({
      trigger: "configuration",
      steps: { smtp: expect.stringMatching(/^failed: .*5\.7\.139/) },
    });
  });

  it("checks the mailbox chosen, through the server action", async () => {
    const { config, mailboxes, admin, tenant } = await school(2);
    signedInAs.id = admin.id;

    const answer = await runConfigurationPreflightAction(
      null,
      form({ tenant: tenant.slug, id: config.id, mailboxId: mailboxes[1]!.id }),
    );

    expect(answer.ok).toBe(true);
    const report = answer.ok ? answer.data : null;
    expect(report!.mailbox).toEqual({ id: mailboxes[1]!.id, address: mailboxes[1]!.address, chosen: true });
    expect(stepsOf(report!)).toEqual([
      ["credentials", "passed"],
      ["token", "passed"],
      ["scopes", "passed"],
      ["smtp", "passed"],
    ]);
  });

  it("says so when the application has no connected mailbox, and checks only the credentials", async () => {
    const { config, ctx, tenant } = await school(0);
    await seedMailboxInState(config, `pending${++counter}-${tenant.slug}@college.test`, "pending");
    const before = fakes.control.stats().smtp.authAttempts;

    const report = await runConfigurationPreflight(ctx, { id: config.id });

    expect(report.mailbox).toBeNull();
    expect(stepsOf(report)).toEqual([["credentials", "passed"]]);
    expect(fakes.control.stats().smtp.authAttempts).toBe(before);
    expect(fr("clients.preflight.noMailbox")).toContain("Aucune boîte");
  });

  for (const code of [65001, 90094] as const) {
    it(`gives the admin-consent link of the school's application (AADSTS${code})`, async () => {
      const { config, ctx } = await school(0);
      fakes.control.setConsentRequired(MICROSOFT_CLIENT.clientId, true, code);

      const report = await runConfigurationPreflight(ctx, { id: config.id });

      expect(report.steps).toHaveLength(1);
      expect(report.steps[0]).toMatchObject({
        step: "credentials",
        status: "failed",
        code: `AADSTS${code}`,
        link: {
          url: `${fakes.microsoft.baseUrl}/organizations/adminconsent?client_id=${MICROSOFT_CLIENT.clientId}`,
          platform: false,
        },
      });
      const [words] = preflightWords(en, report);
      expect(words!.result).toBe(en("clients.test.outcomes.consent_required"));
      expect(words!.fix).toBe(en("mailboxes.preflight.consent.fix"));
      expect(words!.link!.label).toBe("Grant admin consent at Microsoft");
    });
  }

  it("gives the platform application's admin-consent link when the school uses it", async () => {
    process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_ID = MICROSOFT_CLIENT.clientId;
    process.env.RELAIS_PLATFORM_MICROSOFT_CLIENT_SECRET = MICROSOFT_CLIENT.clientSecret;
    process.env.RELAIS_PLATFORM_MICROSOFT_AUTHORITY = fakes.microsoft.baseUrl;
    const people = await seedTenantWithPeople();
    const db = await getDb();
    const config = await db.clientConfiguration.create({
      data: {
        tenantId: people.tenant.id,
        name: `platform ${++counter}`,
        provider: "platform_microsoft",
        clientId: "",
        authorizationEndpoint: "",
        tokenEndpoint: "",
        scopes: ["https://outlook.office.com/SMTP.Send", "offline_access"],
        smtpHost: fakes.smtp.host,
        smtpPort: fakes.smtp.port,
        smtpSecurity: "starttls",
      },
    });
    const mailbox = await seedConnectedMailbox(
      fakes,
      { ...config, provider: "microsoft" },
      `platform${counter}-${people.tenant.slug}@college.test`,
    );
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { accessTokenExpiresAt: new Date(Date.now() - 60_000) },
    });
    fakes.control.setConsentRequired(MICROSOFT_CLIENT.clientId, true, 90094);
    const ctx = await contextFor(people.admin, people.tenant, "clients.write");

    const report = await runConfigurationPreflight(ctx, { id: config.id });

    const link = {
      url: `${fakes.microsoft.baseUrl}/organizations/adminconsent?client_id=${MICROSOFT_CLIENT.clientId}`,
      platform: true,
    };
    expect(report.steps[0]).toMatchObject({
      step: "credentials",
      status: "failed",
      code: "AADSTS90094",
      link,
    });
    // The mailbox's own token step, refreshed through the platform's application, says the same.
    expect(report.steps[1]).toMatchObject({ step: "token", status: "failed", code: "AADSTS90094", link });
    const words = preflightWords(fr, report);
    expect(words[0]!.fix).toBe(fr("mailboxes.preflight.consent.platformFix"));
    expect(words[0]!.fix).toContain("plateforme");
    expect(words[1]!.fix).toBe(fr("mailboxes.preflight.consent.platformFix"));
  });

  it("does not find another school's application, nor another school's mailbox, and records nothing", async () => {
    const ours = await school(1);
    const theirs = await school(1);
    const db = await getDb();

    expect((await errorOf(runConfigurationPreflight(ours.ctx, { id: theirs.config.id }))).code).toBe(
      "not_found",
    );
    expect(
      (
        await errorOf(
          runConfigurationPreflight(ours.ctx, { id: ours.config.id, mailboxId: theirs.mailboxes[0]!.id }),
        )
      ).code,
    ).toBe("not_found");
    signedInAs.id = ours.admin.id;
    const answer = await runConfigurationPreflightAction(
      null,
      form({ tenant: ours.tenant.slug, id: theirs.config.id }),
    );
    expect(answer).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await db.auditEntry.count({
        where: {
          action: { in: ["client.tested", "mailbox.preflight"] },
          tenantId: { in: [ours.tenant.id, theirs.tenant.id] },
        },
      }),
    ).toBe(0);
    const row = await db.mailbox.findUniqueOrThrow({ where: { id: theirs.mailboxes[0]!.id } });
    expect(row.lastPreflightAt).toBeNull();
  });

  it("refuses a member who may not manage the application", async () => {
    const { config, member, tenant } = await school(1);
    const ctx = await contextFor(member, tenant, "tenant.read");

    expect((await errorOf(runConfigurationPreflight(ctx, { id: config.id }))).code).toBe("forbidden");
  });
});
