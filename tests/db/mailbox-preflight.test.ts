import { beforeEach, describe, expect, it, vi } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { preflightWords } from "@/lib/preflight/preflight-words";
import { runPreflight } from "@/lib/mailboxes/run-preflight";
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
const { runPreflightAction } = await import("@/lib/mailboxes/mailbox-actions");

useTestDatabase();
beforeEach(() => {
  signedInAs.id = null;
});
const fakes = useOutboxFakes();
const en = createTranslator("en");
const fr = createTranslator("fr");

let counter = 0;

/** A school with an SMTP (or API) configuration at the fakes and one mailbox connected for real. */
async function school(
  options: {
    assignToMember?: boolean;
    provider?: "microsoft" | "google";
    transport?: "smtp" | "graph" | "gmail_api";
    /** Asked for besides the preset's, e.g. User.Read to let Graph's profile be read. */
    extraScopes?: string[];
  } = {},
) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(
    fakes,
    people.tenant.id,
    options.provider ?? "microsoft",
    {},
    {
      transport: options.transport,
    },
  );
  if (options.extraScopes) {
    const db = await getDb();
    await db.clientConfiguration.update({
      where: { id: config.id },
      data: { scopes: [...config.scopes, ...options.extraScopes] },
    });
    config.scopes = [...config.scopes, ...options.extraScopes];
  }
  const address = `preflight${++counter}-${people.tenant.slug}@college.test`;
  const mailbox = await seedConnectedMailbox(fakes, config, address, {
    assignTo: options.assignToMember ? [people.member.id] : [],
  });
  const admin = await contextFor(people.admin, people.tenant, "mailboxes.write");
  return { ...people, config, mailbox, admin };
}

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function preflightAudits(mailboxId: string) {
  const db = await getDb();
  return db.auditEntry.findMany({ where: { action: "mailbox.preflight", targetId: mailboxId } });
}

describe("mailbox preflight", () => {
  it("passes every step for a connected SMTP mailbox: one XOAUTH2 sign-in, no mail", async () => {
    const { mailbox, admin } = await school();
    const before = fakes.control.stats().smtp;
    const sent = fakes.control.messages().length;

    const report = await runPreflight(admin, { id: mailbox.id });

    expect(report.steps.map((s) => [s.step, s.status])).toEqual([
      ["token", "passed"],
      ["scopes", "passed"],
      ["smtp", "passed"],
    ]);
    const after = fakes.control.stats().smtp;
    expect(after.authAttempts - before.authAttempts).toBe(1);
    expect(after.authFailures - before.authFailures).toBe(0);
    expect(after.messagesAccepted).toBe(before.messagesAccepted);
    expect(fakes.control.messages()).toHaveLength(sent);
    const words = preflightWords(en, report);
    expect(words.map((w) => w.statusLabel)).toEqual(["Passed", "Passed", "Passed"]);
    expect(words[1]!.result).toContain("SMTP");
    expect(words.every((w) => w.fix === null && w.code === null)).toBe(true);

    const [audit] = await preflightAudits(mailbox.id);
    expect(audit).toMatchObject({
      tenantId: admin.tenantId,
      actorId: admin.userId,
      details: {
        transport: "smtp",
        trigger: "button",
        steps: { token: "passed", scopes: "passed", smtp: "passed" },
      },
    });
  });

  it("reports SMTP AUTH switched off (5.7.139) with the health words, in English and French", async () => {
    const { mailbox, admin } = await school();
    fakes.control.disableSmtpAuth(mailbox.address);

    const report = await runPreflight(admin, { id: mailbox.id });

    const smtp = report.steps.find((s) => s.step === "smtp")!;
    expect(smtp).toMatchObject({ status: "failed", code: "5.7.139" });
    expect(report.steps.filter((s) => s.status === "passed").map((s) => s.step)).toEqual(["token", "scopes"]);
    const [english] = preflightWords(en, { steps: [smtp] });
    expect(english).toMatchObject({
      statusLabel: "Failed",
      result: en("mailboxes.health.smtpAuthDisabled"),
      fix: en("mailboxes.smtpAuthOff.body"),
      code: "5.7.139",
    });
    expect(english!.where).toMatch(/Microsoft 365 admin centre.*Authenticated SMTP/);
    const [french] = preflightWords(fr, { steps: [smtp] });
    expect(french).toMatchObject({
      statusLabel: "Échec",
      result: fr("mailboxes.health.smtpAuthDisabled"),
      fix: fr("mailboxes.smtpAuthOff.body"),
    });
    expect(french!.where).toContain("SMTP authentifié");
    // A diagnosis only: the mailbox is not stopped by it.
    const db = await getDb();
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).toMatchObject({
      state: "connected",
      lastErrorCode: null,
    });
    const [audit] = await preflightAudits(mailbox.id);
    expect(audit!.details).toMatchObject({ steps: { smtp: "failed: 5.7.139" } });
  });

  it("reads a Graph mailbox's profile instead of signing in over SMTP, through the server action", async () => {
    const { mailbox, admin, tenant } = await school({ transport: "graph", extraScopes: ["User.Read"] });
    const before = fakes.control.stats();
    signedInAs.id = admin.userId;

    const answer = await runPreflightAction(null, form({ tenant: tenant.slug, id: mailbox.id }));

    expect(answer.ok).toBe(true);
    const report = answer.ok ? answer.data : null;
    expect(report!.transport).toBe("graph");
    expect(report!.steps.map((s) => [s.step, s.status])).toEqual([
      ["token", "passed"],
      ["scopes", "passed"],
      ["api", "passed"],
    ]);
    const words = preflightWords(fr, report!);
    expect(words[1]!.result).toContain(fr("clients.transports.graph"));
    expect(words[2]).toMatchObject({
      title: "API de messagerie",
      result: fr("mailboxes.preflight.api.graphPassed", { address: mailbox.address }),
      fix: null,
    });
    const after = fakes.control.stats();
    expect(after.smtp.authAttempts).toBe(before.smtp.authAttempts);
    // A read: nothing was sent through Graph.
    expect(after.graph.messagesAccepted).toBe(before.graph.messagesAccepted);
    const [audit] = await preflightAudits(mailbox.id);
    expect(audit!.details).toMatchObject({ transport: "graph", trigger: "button", steps: { api: "passed" } });
  });

  it("says Graph accepted the token when the grant may not read the profile", async () => {
    const { mailbox, admin } = await school({ transport: "graph" });

    const report = await runPreflight(admin, { id: mailbox.id });

    const api = report.steps.find((s) => s.step === "api")!;
    expect(api).toMatchObject({ status: "passed", code: null });
    expect(preflightWords(en, { steps: [api] })[0]!.result).toBe(en("mailboxes.preflight.api.graphUnread"));
  });

  it("reports Graph refusing the mailbox (403) and not knowing it (404), with what to change", async () => {
    const { mailbox, admin } = await school({ transport: "graph", extraScopes: ["User.Read"] });
    fakes.control.failNextApi(mailbox.address, {
      status: 403,
      body: {
        error: { code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again." },
      },
    });

    const denied = (await runPreflight(admin, { id: mailbox.id })).steps.find((s) => s.step === "api")!;

    expect(denied).toMatchObject({ status: "failed", code: "403 ErrorAccessDenied" });
    const [words] = preflightWords(en, { steps: [denied] });
    expect(words!.result).toBe(
      en("mailboxes.preflight.api.denied", { api: "Microsoft Graph", address: mailbox.address }),
    );
    expect(words!.fix).toBe(en("connections.fixes.reconnectAllScopes"));

    fakes.control.failNextApi(mailbox.address, {
      status: 404,
      body: { error: { code: "Request_ResourceNotFound", message: "Resource does not exist." } },
    });
    const missing = (await runPreflight(admin, { id: mailbox.id })).steps.find((s) => s.step === "api")!;
    expect(missing).toMatchObject({ status: "failed", code: "404 Request_ResourceNotFound" });
    expect(preflightWords(fr, { steps: [missing] })[0]!.fix).toBe(fr("mailboxes.preflight.api.notFoundFix"));
    // The latest outcome is the one kept on the mailbox.
    const db = await getDb();
    const row = await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(row.lastPreflightAt).not.toBeNull();
    expect(row.lastPreflight).toMatchObject({
      trigger: "button",
      steps: [
        { step: "token" },
        { step: "scopes" },
        { step: "api", status: "failed", code: "404 Request_ResourceNotFound" },
      ],
    });
  });

  it("compares the Gmail API profile's address, and reports its refusal", async () => {
    const { mailbox, admin } = await school({
      provider: "google",
      transport: "gmail_api",
      extraScopes: ["https://www.googleapis.com/auth/gmail.metadata"],
    });
    const sent = fakes.control.messages().length;

    const report = await runPreflight(admin, { id: mailbox.id });

    expect(report.steps.map((s) => [s.step, s.status])).toEqual([
      ["token", "passed"],
      ["scopes", "passed"],
      ["api", "passed"],
    ]);
    expect(preflightWords(en, report)[2]!.result).toBe(
      en("mailboxes.preflight.api.gmailPassed", { address: mailbox.address }),
    );
    expect(fakes.control.messages()).toHaveLength(sent);

    fakes.control.failNextApi(mailbox.address, {
      status: 401,
      body: {
        error: {
          code: 401,
          message: "Request had invalid authentication credentials.",
          status: "UNAUTHENTICATED",
        },
      },
    });
    const refused = (await runPreflight(admin, { id: mailbox.id })).steps.find((s) => s.step === "api")!;
    expect(refused).toMatchObject({ status: "failed", code: "401 UNAUTHENTICATED" });
    const [words] = preflightWords(en, { steps: [refused] });
    expect(words!.result).toBe(en("mailboxes.preflight.api.tokenRefused", { api: "Gmail API" }));
    expect(words!.fix).toBe(en("mailboxes.preflight.smtp.refusedFix"));
  });

  it("says the Gmail API accepted the token when gmail.send alone cannot read the profile", async () => {
    const { mailbox, admin } = await school({ provider: "google", transport: "gmail_api" });

    const api = (await runPreflight(admin, { id: mailbox.id })).steps.find((s) => s.step === "api")!;

    expect(api).toMatchObject({ status: "passed", code: null });
    expect(preflightWords(fr, { steps: [api] })[0]!.result).toBe(fr("mailboxes.preflight.api.gmailUnread"));
  });

  it("checks that a Gmail delegate's shared address is a verified send-as alias", async () => {
    const people = await seedTenantWithPeople();
    const config = await seedFakeConfiguration(
      fakes,
      people.tenant.id,
      "google",
      {},
      { transport: "gmail_api" },
    );
    const shared = `secretariat${++counter}-${people.tenant.slug}@college.test`;
    const delegate = `jean${counter}-${people.tenant.slug}@college.test`;
    const mailbox = await seedConnectedMailbox(fakes, config, shared, { delegate });
    const admin = await contextFor(people.admin, people.tenant, "mailboxes.write");

    const missing = (await runPreflight(admin, { id: mailbox.id })).steps.find((s) => s.step === "api")!;

    expect(missing).toMatchObject({ status: "failed", code: "alias_not_verified" });
    const [words] = preflightWords(en, { steps: [missing] });
    expect(words!.fix).toBe(en("mailboxes.preflight.api.aliasMissingFix", { address: shared, delegate }));

    fakes.control.grantSendAs(delegate, shared);
    const granted = (await runPreflight(admin, { id: mailbox.id })).steps.find((s) => s.step === "api")!;
    expect(granted).toMatchObject({ status: "passed", code: null });
    expect(preflightWords(fr, { steps: [granted] })[0]!.result).toBe(
      fr("mailboxes.preflight.api.gmailAlias", { address: shared, delegate }),
    );
  });

  for (const code of [65001, 90094] as const) {
    it(`gives the admin-consent link of the school's application when consent is missing (AADSTS${code})`, async () => {
      const { mailbox, admin, config } = await school();
      const db = await getDb();
      // The stored token has ended: the token step must ask the token endpoint.
      await db.mailbox.update({
        where: { id: mailbox.id },
        data: { accessTokenExpiresAt: new Date(Date.now() - 60_000) },
      });
      fakes.control.setConsentRequired(MICROSOFT_CLIENT.clientId, true, code);
      try {
        const report = await runPreflight(admin, { id: mailbox.id });

        const token = report.steps[0]!;
        const authority = config.authorizationEndpoint.replace(
          /\/organizations\/oauth2\/v2\.0\/authorize$/,
          "",
        );
        expect(token).toMatchObject({
          step: "token",
          status: "failed",
          code: `AADSTS${code}`,
          link: {
            url: `${authority}/organizations/adminconsent?client_id=${MICROSOFT_CLIENT.clientId}`,
            platform: false,
          },
        });
        expect(report.steps[2]).toMatchObject({ step: "smtp", status: "skipped" });
        const [english] = preflightWords(en, report);
        expect(english!.fix).toBe(en("mailboxes.preflight.consent.fix"));
        expect(english!.fix).toMatch(/Global Administrator/);
        expect(english!.link).toEqual({ url: token.link!.url, label: "Grant admin consent at Microsoft" });
        const [french] = preflightWords(fr, report);
        expect(french!.fix).toMatch(/administrateur général/);
        const row = await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
        expect((row.lastPreflight as { steps: unknown[] }).steps[0]).toMatchObject({
          step: "token",
          link: { platform: false },
        });
      } finally {
        fakes.control.setConsentRequired(MICROSOFT_CLIENT.clientId, false);
      }
    });
  }

  it("reports a sending scope missing from the grant, and how to fix it", async () => {
    const { mailbox, admin } = await school();
    const db = await getDb();
    await db.mailbox.update({ where: { id: mailbox.id }, data: { grantedScopes: ["offline_access"] } });

    const report = await runPreflight(admin, { id: mailbox.id });

    const scopes = report.steps.find((s) => s.step === "scopes")!;
    expect(scopes).toMatchObject({ status: "failed", code: "insufficient_scope" });
    const [words] = preflightWords(en, { steps: [scopes] });
    expect(words!.result).toContain("https://outlook.office.com/SMTP.Send");
    expect(words!.fix).toBe(en("connections.fixes.reconnectAllScopes"));
  });

  it("skips the SMTP sign-in when no token can be had, and says what to do", async () => {
    const { config, admin, tenant } = await school();
    const broken = await seedMailboxInState(
      config,
      `gone${++counter}-${tenant.slug}@college.test`,
      "needs_reconnect",
    );
    const before = fakes.control.stats().smtp.authAttempts;

    const report = await runPreflight(admin, { id: broken.id });

    expect(report.steps.map((s) => [s.step, s.status])).toEqual([
      ["token", "failed"],
      ["scopes", "failed"],
      ["smtp", "skipped"],
    ]);
    expect(fakes.control.stats().smtp.authAttempts).toBe(before);
    const [token] = preflightWords(fr, report);
    expect(token!.result).toContain(fr("mailboxes.states.needs_reconnect.label"));
    expect(token!.fix).toBe(fr("mailboxes.states.needs_reconnect.fix"));
  });

  it("does not find another school's mailbox, and records nothing", async () => {
    const ours = await school();
    const theirs = await school();

    const error = await errorOf(runPreflight(ours.admin, { id: theirs.mailbox.id }));

    expect(error.code).toBe("not_found");
    signedInAs.id = ours.admin.userId;
    const answer = await runPreflightAction(null, form({ tenant: ours.tenant.slug, id: theirs.mailbox.id }));
    expect(answer).toMatchObject({ ok: false, code: "not_found" });
    expect(await preflightAudits(theirs.mailbox.id)).toEqual([]);
  });

  it("refuses a member who may not manage the mailbox, even one assigned to them", async () => {
    const { mailbox, member, tenant } = await school({ assignToMember: true });
    const ctx = await contextFor(member, tenant, "tenant.read");
    const before = fakes.control.stats().smtp.authAttempts;

    const error = await errorOf(runPreflight(ctx, { id: mailbox.id }));

    expect(error.code).toBe("forbidden");
    signedInAs.id = member.id;
    const answer = await runPreflightAction(null, form({ tenant: tenant.slug, id: mailbox.id }));
    expect(answer).toMatchObject({ ok: false, code: "forbidden" });
    expect(fakes.control.stats().smtp.authAttempts).toBe(before);
    expect(await preflightAudits(mailbox.id)).toEqual([]);
  });
});
