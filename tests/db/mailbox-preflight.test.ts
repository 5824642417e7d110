import { beforeEach, describe, expect, it, vi } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { createTranslator } from "@/lib/i18n/translate";
import { preflightWords } from "@/lib/mailboxes/preflight-words";
import { runPreflight } from "@/lib/mailboxes/run-preflight";
import { form } from "../support/action-helpers";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { seedConnectedMailbox, seedFakeConfiguration, seedMailboxInState } from "./outbox-fixtures";
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

/** A school with a Microsoft SMTP configuration at the fakes and one mailbox connected for real. */
async function school(options: { assignToMember?: boolean; transport?: "smtp" | "graph" } = {}) {
  const people = await seedTenantWithPeople();
  const config = await seedFakeConfiguration(
    fakes,
    people.tenant.id,
    "microsoft",
    {},
    {
      transport: options.transport,
    },
  );
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
      details: { transport: "smtp", steps: { token: "passed", scopes: "passed", smtp: "passed" } },
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

  it("checks only the token and the scopes of a Graph mailbox, through the server action", async () => {
    const { mailbox, admin, tenant } = await school({ transport: "graph" });
    const before = fakes.control.stats().smtp.authAttempts;
    signedInAs.id = admin.userId;

    const answer = await runPreflightAction(null, form({ tenant: tenant.slug, id: mailbox.id }));

    expect(answer.ok).toBe(true);
    const report = answer.ok ? answer.data : null;
    expect(report!.transport).toBe("graph");
    expect(report!.steps.map((s) => [s.step, s.status])).toEqual([
      ["token", "passed"],
      ["scopes", "passed"],
    ]);
    expect(preflightWords(fr, report!)[1]!.result).toContain(fr("clients.transports.graph"));
    expect(fakes.control.stats().smtp.authAttempts).toBe(before);
  });

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
