import { defaultFormatLocales } from "@/lib/i18n/dates/format-locale";
import type { Translator } from "@/lib/i18n/translate";
import { beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "@/lib/cli/command";
import { runCli } from "@/lib/cli/run-cli";
import { getDb } from "@/lib/db/client";
import { startupProblems } from "@/lib/config/startup-checks";
import { createClientConfiguration } from "@/lib/clients/create-client-configuration";
import { presetFormValues, type ClientFormValues } from "@/lib/clients/client-form-values";
import { updateClientConfiguration } from "@/lib/clients/update-client-configuration";
import { createTranslator } from "@/lib/i18n/translate";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import { runKeepAliveBatch } from "@/lib/tokens/keep-alive";
import { KEEP_ALIVE_WINDOWS, keepAliveWindowDays } from "@/lib/connections/keep-alive-windows";
import { UNKNOWN_REFRESH_ERROR_DAYS } from "@/lib/tokens/unknown-refresh-errors";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import {
  connectAtFake,
  seedFakeConfiguration,
  useTokenTestEnvironment,
  type FakeProvider,
} from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";

const datesOf = (t: Translator) => ({ locale: defaultFormatLocales[t.locale], timeZone: "Europe/Paris" });

useTokenTestEnvironment();
useTestDatabase();

const DAY_MS = 24 * 3600 * 1000;
const fakes = useTokenFakes({ strictRotation: true });
beforeEach(() => fakes.control.resetStats());

const refreshesOf = (email: string) => fakes.control.stats().refreshRequests[email] ?? 0;

/** Connections of one school, each last refreshed `idleDays` ago (null: connected today, never refreshed). */
async function seedSchool(idleDays: (number | null)[], provider: FakeProvider = "microsoft") {
  const people = await seedTenantWithPeople();
  const { tenant } = people;
  const config = await seedFakeConfiguration(fakes, tenant.id, provider);
  const db = await getDb();
  const connections = [];
  for (const [index, days] of idleDays.entries()) {
    const email = `idle${days ?? "new"}-${index}-${crypto.randomUUID().slice(0, 6)}@college.test`;
    const { mailbox } = await connectAtFake(fakes, provider, {
      tenantId: tenant.id,
      clientConfigurationId: config.id,
      address: email,
      ownerIds: [people.member.id],
    });
    if (days !== null) {
      const at = new Date(Date.now() - days * DAY_MS);
      await db.mailbox.update({ where: { id: mailbox.id }, data: { lastRefreshAt: at, connectedAt: at } });
    }
    connections.push({ id: mailbox.id, email, days });
  }
  return { ...people, config, connections };
}

async function clearOtherIdleConnections(keep: string[]) {
  // Earlier tests' connections must not take this test's batch.
  const db = await getDb();
  await db.mailbox.updateMany({ where: { id: { notIn: keep } }, data: { lastRefreshAt: new Date() } });
}

describe("runKeepAliveBatch", () => {
  it("refreshes only connections idle past the threshold, oldest first, at most `limit` per run", async () => {
    const { connections } = await seedSchool([40, null, 60, 1, 50, 29]);
    await clearOtherIdleConnections(connections.map((c) => c.id));
    const byDays = (days: number | null) => connections.find((c) => c.days === days)!;

    const first = await runKeepAliveBatch({ limit: 2 });

    expect(first.considered).toBe(2);
    expect(first.refreshed).toEqual([byDays(60).id, byDays(50).id]);
    expect(refreshesOf(byDays(60).email)).toBe(1);
    expect(refreshesOf(byDays(50).email)).toBe(1);
    expect(refreshesOf(byDays(40).email)).toBe(0);

    const second = await runKeepAliveBatch({ limit: 10 });
    expect(second.refreshed).toEqual([byDays(40).id]);
    for (const days of [null, 1, 29]) expect(refreshesOf(byDays(days).email)).toBe(0);

    const db = await getDb();
    const rows = await db.mailbox.findMany({ where: { id: { in: connections.map((c) => c.id) } } });
    for (const row of rows) {
      expect(row.state).toBe("connected");
      expect(Date.now() - (row.lastRefreshAt ?? row.connectedAt!).getTime()).toBeLessThan(30 * DAY_MS);
    }
    expect((await runKeepAliveBatch({ limit: 10 })).considered).toBe(0);
  });

  it("skips connections that need a person, and those of a refused configuration", async () => {
    const { connections, config } = await seedSchool([45, 45]);
    await clearOtherIdleConnections(connections.map((c) => c.id));
    const db = await getDb();
    await db.mailbox.update({ where: { id: connections[0]!.id }, data: { state: "needs_reconnect" } });
    await db.clientConfiguration.update({ where: { id: config.id }, data: { brokenAt: new Date() } });

    const report = await runKeepAliveBatch({ limit: 10 });

    expect(report.considered).toBe(0);
    expect(fakes.control.stats().tokenRequestsByGrantType.refresh_token ?? 0).toBe(0);
  });

  it("a connection unused past Microsoft's 90 days is found dead and marked for reconnecting", async () => {
    const { connections } = await seedSchool([95]);
    await clearOtherIdleConnections(connections.map((c) => c.id));
    fakes.control.expireRefreshTokens(connections[0]!.email);

    const report = await runKeepAliveBatch({ limit: 10 });

    expect(report.unavailable).toEqual([connections[0]!.id]);
    const row = await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: connections[0]!.id } });
    expect(row).toMatchObject({ state: "needs_reconnect", lastErrorCode: "AADSTS700082" });
  });

  it("runs from the command line with a limit", async () => {
    const { connections } = await seedSchool([70, 80]);
    await clearOtherIdleConnections(connections.map((c) => c.id));
    const out: string[] = [];
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      readStdin: async () => "",
    };

    const code = await runCli(["tokens:keep-alive", "--limit", "1", "--max-pause-ms", "0"], io);

    expect(code).toBe(0);
    expect(out.join("\n")).toContain("1 connection(s) due for renewal: 1 refreshed");
    expect(refreshesOf(connections[1]!.email)).toBe(1);
    expect(refreshesOf(connections[0]!.email)).toBe(0);
    expect(await runCli(["tokens:keep-alive", "--limit", "-1"], io)).toBe(2);
  });
});

describe("keep-alive windows per provider and configuration", () => {
  it("Microsoft after 30 idle days, Google after 60, a configuration's own window within its provider's bounds", async () => {
    const microsoft = await seedSchool([35], "microsoft");
    const google = await seedSchool([35, 65], "google");
    const ownWindow = await seedSchool([25, 15], "google");
    await clearOtherIdleConnections(
      [microsoft, google, ownWindow].flatMap((school) => school.connections.map((c) => c.id)),
    );
    const db = await getDb();
    await db.clientConfiguration.update({ where: { id: ownWindow.config.id }, data: { keepAliveDays: 20 } });

    const report = await runKeepAliveBatch({ limit: 10 });

    expect(report.refreshed.sort()).toEqual(
      [microsoft.connections[0]!.id, google.connections[1]!.id, ownWindow.connections[0]!.id].sort(),
    );
    expect(refreshesOf(google.connections[0]!.email)).toBe(0);
    expect(refreshesOf(ownWindow.connections[1]!.email)).toBe(0);
  });

  it("holds a stored window within its provider's bounds, and the form refuses one outside them", async () => {
    expect(keepAliveWindowDays({ provider: "google", tokenEndpoint: "", keepAliveDays: null })).toBe(60);
    expect(keepAliveWindowDays({ provider: "microsoft", tokenEndpoint: "", keepAliveDays: null })).toBe(30);
    expect(keepAliveWindowDays({ provider: "google", tokenEndpoint: "", keepAliveDays: 500 })).toBe(
      KEEP_ALIVE_WINDOWS.google.maxDays,
    );
    expect(
      keepAliveWindowDays({ provider: "platform_microsoft", tokenEndpoint: "", keepAliveDays: 85 }),
    ).toBe(80);
    expect(
      keepAliveWindowDays({
        provider: "custom",
        tokenEndpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
        keepAliveDays: null,
      }),
    ).toBe(30);
    expect(
      keepAliveWindowDays({
        provider: "custom",
        tokenEndpoint: "https://oauth2.googleapis.com/token",
        keepAliveDays: null,
      }),
    ).toBe(60);

    const { tenant, admin } = await seedTenantWithPeople();
    const ctx = await contextFor(admin, tenant);
    const values = presetFormValues(
      { preset: "google" },
      `Google ${crypto.randomUUID().slice(0, 6)}`,
    ) as ClientFormValues;
    const form = {
      ...values,
      pkce: String(values.pkce),
      googleTesting: "false",
      clientId: "1234-abc.apps.googleusercontent.com",
      clientSecret: "GOCSPX-keep-alive-secret",
    };
    await expect(createClientConfiguration(ctx, { ...form, keepAliveDays: "151" })).rejects.toMatchObject({
      fieldErrors: { keepAliveDays: "clients.validation.keepAliveDaysInvalid" },
    });
    await expect(createClientConfiguration(ctx, { ...form, keepAliveDays: "0" })).rejects.toMatchObject({
      fieldErrors: { keepAliveDays: "clients.validation.keepAliveDaysInvalid" },
    });
    const created = await createClientConfiguration(ctx, { ...form, keepAliveDays: "120" });
    const db = await getDb();
    expect(
      (await db.clientConfiguration.findUniqueOrThrow({ where: { id: created.id } })).keepAliveDays,
    ).toBe(120);
    // An edit that does not name it keeps it; a blank one goes back to the provider's.
    const { keepAliveDays: _omitted, ...withoutWindow } = form;
    await updateClientConfiguration(ctx, created.id, { ...withoutWindow, name: values.name });
    expect(
      (await db.clientConfiguration.findUniqueOrThrow({ where: { id: created.id } })).keepAliveDays,
    ).toBe(120);
    await updateClientConfiguration(ctx, created.id, { ...form, name: values.name, keepAliveDays: "" });
    expect(
      (await db.clientConfiguration.findUniqueOrThrow({ where: { id: created.id } })).keepAliveDays,
    ).toBeNull();
    // A Microsoft window past its bounds is refused though Google's would allow it.
    const ms = presetFormValues(
      { preset: "microsoft", directory: "organizations" },
      `MS ${crypto.randomUUID().slice(0, 6)}`,
    )!;
    await expect(
      createClientConfiguration(ctx, {
        ...ms,
        pkce: String(ms.pkce),
        googleTesting: "true",
        clientId: "00000000-0000-4000-8000-000000000002",
        keepAliveDays: "100",
      }),
    ).rejects.toMatchObject({ fieldErrors: { keepAliveDays: "clients.validation.keepAliveDaysInvalid" } });
  });

  it("refuses to start with the old single setting, saying where the windows are now", () => {
    const problems = startupProblems({ RELAIS_KEEPALIVE_DAYS: "30" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/RELAIS_KEEPALIVE_DAYS is no longer read/);
    expect(startupProblems({})).toEqual([]);
  });
});

describe("refresh errors Relais does not recognise", () => {
  const WEIRD = { status: 400, body: { error: "weird_new_error", error_description: "Something new" } };

  it("are retried with backoff, then after the named number of days need a person, code kept, owners told", async () => {
    const school = await seedSchool([70], "google");
    const [connection] = school.connections;
    await clearOtherIdleConnections([connection!.id]);
    const db = await getDb();
    fakes.control.failRefreshes(connection!.email, WEIRD);
    try {
      const first = await runKeepAliveBatch({ limit: 10 });
      expect(first.transient).toEqual([connection!.id]);
      const failing = await db.mailbox.findUniqueOrThrow({ where: { id: connection!.id } });
      expect(failing).toMatchObject({ state: "connected", lastErrorCode: "weird_new_error" });
      expect(failing.unknownErrorSince).not.toBeNull();

      // Not again at once; again once the backoff (an hour at first) is over, still only retried.
      expect((await runKeepAliveBatch({ limit: 10 })).considered).toBe(0);
      const second = await runKeepAliveBatch({ limit: 10, now: new Date(Date.now() + 2 * 3600_000) });
      expect(second.transient).toEqual([connection!.id]);
      const stillFailing = await db.mailbox.findUniqueOrThrow({ where: { id: connection!.id } });
      expect(stillFailing.state).toBe("connected");
      expect(stillFailing.unknownErrorSince).toEqual(failing.unknownErrorSince);

      // Failing so for longer than the named number of days: the next failure needs a person.
      const since = new Date(Date.now() - (UNKNOWN_REFRESH_ERROR_DAYS * 24 + 1) * 3600_000);
      await db.mailbox.update({ where: { id: connection!.id }, data: { unknownErrorSince: since } });
      const last = await runKeepAliveBatch({ limit: 10, now: new Date(Date.now() + 13 * 3600_000) });
      expect(last.unavailable).toEqual([connection!.id]);
    } finally {
      fakes.control.failRefreshes(connection!.email, null);
    }
    const row = await db.mailbox.findUniqueOrThrow({ where: { id: connection!.id } });
    expect(row).toMatchObject({
      state: "needs_reconnect",
      lastErrorCode: "weird_new_error",
      unknownErrorSince: null,
      refreshTokenCipher: null,
    });
    expect(row.ownersNotifiedAt).not.toBeNull();
    const [audit] = await db.auditEntry.findMany({
      where: { targetId: connection!.id, action: "mailbox.needs_reconnect" },
    });
    expect(audit?.details).toMatchObject({ code: "weird_new_error", failingSince: expect.any(String) });
    const mails = await db.capturedMail.findMany({ where: { to: school.member.email } });
    expect(mails.length).toBeGreaterThan(0);
    const { health } = await getMailbox(await contextFor(school.member, school.tenant), connection!.id);
    expect(health).toMatchObject({
      code: "needs_reconnect",
      errorCode: "weird_new_error",
      cause: "connections.causes.unknownPersisting",
    });
    expect(
      mailboxHealthWords(createTranslator("fr"), datesOf(createTranslator("fr")), health, "owner").cause,
    ).toContain("plusieurs jours");
  });

  it("a renewal that works again ends the count; a known passing error never starts it", async () => {
    const school = await seedSchool([70, 70], "google");
    const [recovers, unavailable] = school.connections;
    await clearOtherIdleConnections([recovers!.id, unavailable!.id]);
    const db = await getDb();
    fakes.control.failRefreshes(recovers!.email, WEIRD);
    fakes.control.failRefreshes(unavailable!.email, {
      status: 503,
      body: { error: "temporarily_unavailable" },
    });
    try {
      await runKeepAliveBatch({ limit: 10 });
    } finally {
      fakes.control.failRefreshes(recovers!.email, null);
      fakes.control.failRefreshes(unavailable!.email, null);
    }
    expect(
      (await db.mailbox.findUniqueOrThrow({ where: { id: recovers!.id } })).unknownErrorSince,
    ).not.toBeNull();
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: unavailable!.id } })).toMatchObject({
      state: "connected",
      lastErrorCode: "temporarily_unavailable",
      unknownErrorSince: null,
    });

    const retried = await runKeepAliveBatch({ limit: 10, now: new Date(Date.now() + 2 * 3600_000) });

    expect(retried.refreshed).toEqual([recovers!.id]);
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: recovers!.id } })).toMatchObject({
      state: "connected",
      lastErrorCode: null,
      unknownErrorSince: null,
    });
  });
});
