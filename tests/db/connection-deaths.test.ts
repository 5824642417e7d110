import { beforeEach, describe, expect, it } from "vitest";
import { GET as getMessage } from "@/app/api/v1/messages/[id]/route";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { getDb } from "@/lib/db/client";
import type { MessageKey } from "@/lib/i18n/catalog";
import { defaultFormatLocales } from "@/lib/i18n/dates/format-locale";
import { createTranslator } from "@/lib/i18n/translate";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import { storeConnectionTokens } from "@/lib/oauth-flow/store-connection-tokens";
import { issuedToNow } from "../support/issued-to";
import { parseTokenResponse } from "@/lib/tokens/token-response";
import { queueMail } from "@/lib/outbox/queue-mail";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { runKeepAliveBatch } from "@/lib/tokens/keep-alive";
import { storedGrantEnd } from "@/lib/connections/stored-grant-end";
import { readable } from "../support/captured-mail";
import { drainOutbox } from "../support/drain-outbox";
import { contextFor, seedTenantWithPeople } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import {
  MICROSOFT_CLIENT,
  authorizeAtFake,
  connectAtFake,
  seedConnection,
  seedFakeConfiguration,
  useTokenTestEnvironment,
  type FakeProvider,
} from "../multi/token-fixtures";
import { useTokenFakes } from "../multi/use-token-fakes";
import { draft } from "./outbox-fixtures";

/*
 * Every way a connection dies, and every forecast of its end, from one place (docs/token-lifecycle.md,
 * "How a connection dies, and what Relais shows"). Causes covered well elsewhere are listed here and
 * not repeated; the describes below cover the rest against the fake providers, on their simulated
 * clock, through the keep-alive chore or the worker's own refresh.
 *
 * | cause / case                              | test                                                                                          |
 * | ----------------------------------------- | --------------------------------------------------------------------------------------------- |
 * | Microsoft: 90 days unused (AADSTS700082)  | here, "Microsoft: 90 days without use"; keep-alive.test.ts "a connection unused past Microsoft's 90 days…" |
 * | Google: 6 months unused (invalid_grant)   | here, "Google: six months without use"                                                        |
 * | Google "Testing": 7 days after the grant  | here, "Google application in Testing"; google-testing.test.ts "is found from its mailboxes' grants dying a week after…" (detection, fix shown) |
 * | password changed (AADSTS50173 / invalid_grant) | here, "password changed"; token-refresh.test.ts "invalid_grant: needs reconnect, tokens erased, each owner told once" |
 * | application removed by the person or an admin | here, "revoked at the provider"; token-refresh.test.ts "Google's 'Token has been expired or revoked.'…"; revocation.test.ts (revoked from Relais) |
 * | admin consent withdrawn (AADSTS65001)     | here, "revoked at the provider"                                                               |
 * | client secret expired (AADSTS7000222)     | here, "client secret expired"; token-refresh.test.ts "invalid_client: the configuration is flagged…"; client-secret-expiry.test.ts "becomes “already expired” when Microsoft answers AADSTS7000222…" |
 * | unknown refresh errors for days           | keep-alive.test.ts "refresh errors Relais does not recognise"                                 |
 * | SMTP AUTH off (535 5.7.139)               | worker-send.test.ts "holds the mail and flags the mailbox when Microsoft says SMTP AUTH is disabled…" |
 * | forecast: every rule and date combination | mailbox-grant-end.test.ts "follows the rule for every provider, Testing status…"              |
 * | forecast: moved by real refreshes         | here, "forecasts of a connection's end"                                                       |
 * | forecast: warnings at 14 and 3 days       | grant-end-warnings.test.ts; webhooks-delivery.test.ts "warns once per forecast end…"           |
 * | short-lived access tokens (5 s)           | here, "access tokens of five seconds"; unit/live-access-token.test.ts (the margin)            |
 * | recipients partly refused at RCPT         | here, "recipients partly refused" (Microsoft, through the API's routes); worker-send.test.ts "records the recipients refused at RCPT while the others get the mail…" (1 of 3: row, fake SMTP, API JSON); webhooks-delivery.test.ts "names in mail.sent the recipients refused at RCPT…" |
 */

useTokenTestEnvironment();
delete process.env.RELAIS_SMTP_URL;
useTestDatabase();

const fakes = useTokenFakes();
beforeEach(() => fakes.control.resetStats());

const DAY_MS = 24 * 3600_000;
const API = "http://127.0.0.1:3000/api/v1";
const en = createTranslator("en");
const dates = { locale: defaultFormatLocales.en, timeZone: "Europe/Paris" };
const address = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@college.test`;
const refreshesOf = (email: string) => fakes.control.stats().refreshRequests[email] ?? 0;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** An English-speaking school with a configuration at the fake and one mailbox connected there, owned by its member. */
async function connectedSchool(
  provider: FakeProvider,
  options: { idleDays?: number; accessExpiresIn?: number } = {},
) {
  const people = await seedTenantWithPeople();
  const db = await getDb();
  await db.tenant.update({ where: { id: people.tenant.id }, data: { locale: "en" } });
  const config = await seedFakeConfiguration(fakes, people.tenant.id, provider);
  const email = address(provider);
  const at = options.idleDays === undefined ? undefined : daysAgo(options.idleDays);
  const { mailbox } = await connectAtFake(fakes, provider, {
    tenantId: people.tenant.id,
    clientConfigurationId: config.id,
    address: email,
    ownerIds: [people.member.id],
    accessExpiresIn: options.accessExpiresIn ?? -10,
    ...(at ? { connectedAt: at, lastRefreshAt: at } : {}),
  });
  const adminCtx = await contextFor(people.admin, people.tenant);
  const queue = async () =>
    queueMail(
      { kind: "person", ctx: await contextFor(people.admin, people.tenant, "outbox.write") },
      { mailbox: { mailboxId: mailbox.id }, draft: draft() },
    );
  return { ...people, config, mailbox, email, adminCtx, queue };
}

/** The real worker runs until nothing is due (refreshing tokens on the way): the statuses the due mails ended in. */
const round = () => drainOutbox({ workerId: "deaths-worker" });

const mailTo = async (email: string) =>
  (await (await getDb()).capturedMail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } })).map(
    readable,
  );

type School = Awaited<ReturnType<typeof connectedSchool>>;

/**
 * What a person must see of a dead grant: the state and the provider's code, the tokens erased, the
 * mail held (not failed, not sent), the owner told once with the link, the health line's words.
 */
async function expectNeedsReconnect(school: School, mailId: string, code: string, cause: MessageKey) {
  const db = await getDb();
  expect(await db.mailbox.findUniqueOrThrow({ where: { id: school.mailbox.id } })).toMatchObject({
    state: "needs_reconnect",
    lastErrorCode: code,
    accessTokenCipher: null,
    refreshTokenCipher: null,
    grantEndsAt: null,
  });
  const mail = await db.outgoingMail.findUniqueOrThrow({ where: { id: mailId } });
  expect(mail).toMatchObject({ status: "held", attempts: 0 });
  expect(fakes.control.messages().filter((m) => m.raw.includes(mail.messageId))).toHaveLength(0);

  const told = await mailTo(school.member.email);
  expect(told).toHaveLength(1);
  expect(told[0]!.subject).toBe(`Reconnect the mailbox ${school.email}`);
  expect(told[0]!.text).toContain("Mail for it is held, not lost.");
  expect(told[0]!.text).toContain(`/t/${school.tenant.slug}/my-mailboxes`);

  const { health } = await getMailbox(school.adminCtx, school.mailbox.id);
  const words = mailboxHealthWords(en, dates, health, "owner");
  expect(words).toMatchObject({ code: "needs_reconnect", errorCode: code, cause: en(cause) });
  expect(words.headline).toMatch(/^Must be reconnected.*: 1 mail waiting$/);
  expect(words.advice).toBeTruthy();
}

describe("Microsoft: 90 days without use", () => {
  it("a connection renewed within the 90 days lives on; one left 90 days dies with AADSTS700082 at the keep-alive", async () => {
    // Renewed after 60 days, then again 60 days later: 120 days in all, never 90 without use.
    const kept = await connectedSchool("microsoft", { accessExpiresIn: 3600 });
    fakes.control.advanceClock(60 * DAY_MS);
    await (
      await getDb()
    ).mailbox.update({
      where: { id: kept.mailbox.id },
      data: { lastRefreshAt: daysAgo(60), connectedAt: daysAgo(60) },
    });
    expect((await runKeepAliveBatch({ limit: 50, maxPauseMs: 0 })).refreshed).toContain(kept.mailbox.id);
    fakes.control.advanceClock(60 * DAY_MS);
    await (
      await getDb()
    ).mailbox.update({ where: { id: kept.mailbox.id }, data: { lastRefreshAt: daysAgo(60) } });
    expect((await runKeepAliveBatch({ limit: 50, maxPauseMs: 0 })).refreshed).toContain(kept.mailbox.id);
    expect(refreshesOf(kept.email)).toBe(2);

    // A school holiday with no worker running: 91 days without a refresh.
    const school = await connectedSchool("microsoft", { idleDays: 91, accessExpiresIn: 3600 });
    const queued = await school.queue();
    fakes.control.advanceClock(91 * DAY_MS);

    const report = await runKeepAliveBatch({ limit: 50, maxPauseMs: 0 });

    expect(report.unavailable).toContain(school.mailbox.id);
    expect(await round()).toEqual(["held"]);
    await expectNeedsReconnect(school, queued.id, "AADSTS700082", "connections.causes.idleExpired");
    expect((await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: kept.mailbox.id } })).state).toBe(
      "connected",
    );
  });
});

describe("Google: six months without use", () => {
  it("a refresh restarts Google's six months; six months unused end it with invalid_grant, found by the worker", async () => {
    // Used at 150 days, then 150 days later: 300 days, never six months unused.
    const kept = await connectedSchool("google");
    fakes.control.advanceClock(150 * DAY_MS);
    await getAccessToken(kept.mailbox.id, { tenantId: kept.tenant.id, forceRefresh: true });
    fakes.control.advanceClock(150 * DAY_MS);
    await getAccessToken(kept.mailbox.id, { tenantId: kept.tenant.id, forceRefresh: true });
    expect(refreshesOf(kept.email)).toBe(2);

    const school = await connectedSchool("google", { idleDays: 184 });
    const queued = await school.queue();
    fakes.control.advanceClock(184 * DAY_MS);

    // The worker finds its token stale, asks Google, and hears the grant is gone.
    expect(await round()).toEqual(["held"]);

    expect(refreshesOf(school.email)).toBe(1);
    await expectNeedsReconnect(school, queued.id, "invalid_grant", "connections.causes.grantRevoked");
    expect((await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: kept.mailbox.id } })).state).toBe(
      "connected",
    );
  });
});

describe("Google application in Testing", () => {
  it("a grant ends 7 days after it was given, however often it was refreshed", async () => {
    fakes.control.setGoogleTestingPublishingStatus(true);
    try {
      const school = await connectedSchool("google");
      fakes.control.advanceClock(3 * DAY_MS);
      await getAccessToken(school.mailbox.id, { tenantId: school.tenant.id, forceRefresh: true });
      const queued = await school.queue();
      fakes.control.advanceClock(4 * DAY_MS + 3600_000);
      await (
        await getDb()
      ).mailbox.update({
        where: { id: school.mailbox.id },
        data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
      });

      expect(await round()).toEqual(["held"]);

      await expectNeedsReconnect(school, queued.id, "invalid_grant", "connections.causes.grantRevoked");
    } finally {
      fakes.control.setGoogleTestingPublishingStatus(false);
    }
  });
});

describe("password changed", () => {
  it("Microsoft answers AADSTS50173 and Google invalid_grant; signing in again sends the held mail", async () => {
    for (const [provider, code] of [
      ["microsoft", "AADSTS50173"],
      ["google", "invalid_grant"],
    ] as const) {
      const school = await connectedSchool(provider);
      const queued = await school.queue();
      expect(fakes.control.changePassword(school.email)).toBeGreaterThan(0);

      expect(await round()).toEqual(["held"]);

      await expectNeedsReconnect(school, queued.id, code, "connections.causes.grantRevoked");

      // The person signs in with the new password: new tokens, stored as the callback does, release the mail.
      const tokens = await authorizeAtFake(fakes, provider, school.email);
      await storeConnectionTokens({
        by: { tenantId: school.tenant.id, userId: school.member.id, email: school.member.email, ip: null },
        tenantId: school.tenant.id,
        mailboxId: school.mailbox.id,
        mailboxAddress: school.email,
        tokens: parseTokenResponse(tokens)!,
        grantedScopes: (tokens.scope ?? "").split(" ").filter(Boolean),
        authorizedAccount: school.email,
        state: "connected",
        flow: "authorization_code",
        connectLinkId: null,
        issuedTo: await issuedToNow(school.mailbox.id),
      });
      expect(await round()).toEqual(["sent"]);
      const sent = await (await getDb()).outgoingMail.findUniqueOrThrow({ where: { id: queued.id } });
      expect(fakes.control.messages().filter((m) => m.raw.includes(sent.messageId))).toHaveLength(1);
    }
  });
});

describe("revoked at the provider", () => {
  it("the person or a Google Workspace admin removes the application: invalid_grant", async () => {
    const school = await connectedSchool("google");
    const queued = await school.queue();
    expect(fakes.control.revokeGrant(school.email)).toBe(1);

    expect(await round()).toEqual(["held"]);

    await expectNeedsReconnect(school, queued.id, "invalid_grant", "connections.causes.grantRevoked");
  });

  it("a Microsoft 365 admin withdraws the application's consent: AADSTS65001, with the admin-consent fix", async () => {
    const school = await connectedSchool("microsoft");
    const queued = await school.queue();
    fakes.control.setConsentRequired(MICROSOFT_CLIENT.clientId);
    try {
      expect(await round()).toEqual(["held"]);
    } finally {
      fakes.control.setConsentRequired(MICROSOFT_CLIENT.clientId, false);
    }

    await expectNeedsReconnect(school, queued.id, "AADSTS65001", "connections.causes.consentMissing");
    const { health } = await getMailbox(school.adminCtx, school.mailbox.id);
    expect(mailboxHealthWords(en, dates, health, "owner").advice).toContain("grant admin consent");
  });
});

describe("client secret expired", () => {
  it("AADSTS7000222: the configuration stops, its connections keep their tokens, mail is held, admins are told, not owners", async () => {
    const school = await connectedSchool("microsoft");
    const another = await seedConnection({
      tenantId: school.tenant.id,
      clientConfigurationId: school.config.id,
      address: address("second"),
      accessToken: "at-second",
      refreshToken: "rt-second",
    });
    const queued = await school.queue();
    fakes.control.setClientSecretExpired(MICROSOFT_CLIENT.clientId);
    try {
      expect(await round()).toEqual(["held"]);
    } finally {
      fakes.control.setClientSecretExpired(MICROSOFT_CLIENT.clientId, false);
    }

    const db = await getDb();
    const row = await db.mailbox.findUniqueOrThrow({ where: { id: school.mailbox.id } });
    expect(row).toMatchObject({ state: "config_error", lastErrorCode: "AADSTS7000222" });
    expect(row.refreshTokenCipher).not.toBeNull();
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: another.id } })).state).toBe("config_error");
    expect(await db.clientConfiguration.findUniqueOrThrow({ where: { id: school.config.id } })).toMatchObject(
      {
        brokenAt: expect.any(Date),
        brokenReason: "AADSTS7000222",
      },
    );
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
      status: "held",
      attempts: 0,
    });

    const told = await mailTo(school.admin.email);
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe(`${school.tenant.name}: an OAuth application was refused`);
    expect(told[0]!.text).toContain("(2 mailboxes stopped)");
    expect(told[0]!.text).toContain(en("connections.fixes.newSecret"));
    expect(await mailTo(school.member.email)).toHaveLength(0);

    const { health } = await getMailbox(school.adminCtx, school.mailbox.id);
    const words = mailboxHealthWords(en, dates, health, "admin");
    expect(words).toMatchObject({
      code: "application_refused",
      errorCode: "AADSTS7000222",
      cause: en("connections.causes.secretExpired"),
    });
    expect(words.headline).toBe(
      "Stopped: the provider refused the school's OAuth application: 1 mail waiting",
    );
  });
});

describe("forecasts of a connection's end", () => {
  const forecastOf = async (mailboxId: string) => {
    const row = await (await getDb()).mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    return { row, end: storedGrantEnd(row) };
  };

  it("Microsoft: 90 days after the last use, moved by every refresh", async () => {
    const school = await connectedSchool("microsoft", { idleDays: 40, accessExpiresIn: 3600 });
    const before = await forecastOf(school.mailbox.id);
    expect(before.end).toEqual({
      at: new Date(before.row.lastRefreshAt!.getTime() + 90 * DAY_MS),
      reason: "inactivity",
    });

    await getAccessToken(school.mailbox.id, { tenantId: school.tenant.id, forceRefresh: true });

    const after = await forecastOf(school.mailbox.id);
    expect(after.row.lastRefreshAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(after.end).toEqual({
      at: new Date(after.row.lastRefreshAt!.getTime() + 90 * DAY_MS),
      reason: "inactivity",
    });
  });

  it("Google: six months after the last use, moved by every refresh", async () => {
    const school = await connectedSchool("google", { idleDays: 40 });
    const before = await forecastOf(school.mailbox.id);
    expect(before.end).toEqual({
      at: new Date((before.row.lastRefreshAt ?? before.row.connectedAt)!.getTime() + 183 * DAY_MS),
      reason: "inactivity",
    });
    await getAccessToken(school.mailbox.id, { tenantId: school.tenant.id });
    expect(refreshesOf(school.email)).toBe(1);
    const after = await forecastOf(school.mailbox.id);
    expect(after.row.lastRefreshAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(after.end).toEqual({
      at: new Date(after.row.lastRefreshAt!.getTime() + 183 * DAY_MS),
      reason: "inactivity",
    });
  });

  it("Google in Testing: the announced refresh_token_expires_in, 7 days after the grant; neither a refresh nor declaring Testing moves it", async () => {
    fakes.control.setGoogleTestingPublishingStatus(true);
    try {
      const people = await seedTenantWithPeople();
      const config = await seedFakeConfiguration(fakes, people.tenant.id, "google");
      const email = address("testing");
      const mailbox = await seedConnection({
        tenantId: people.tenant.id,
        clientConfigurationId: config.id,
        address: email,
        state: "pending",
      });
      // Stored as the callback stores the fake's answer, which announces the refresh token's 7 days.
      const tokens = await authorizeAtFake(fakes, "google", email);
      const announcedSeconds = (tokens as { refresh_token_expires_in?: number }).refresh_token_expires_in;
      expect(announcedSeconds).toBeGreaterThanOrEqual(7 * 24 * 3600 - 2);
      await storeConnectionTokens({
        by: { tenantId: people.tenant.id, userId: people.member.id, email: people.member.email, ip: null },
        tenantId: people.tenant.id,
        mailboxId: mailbox.id,
        mailboxAddress: email,
        tokens: parseTokenResponse(tokens)!,
        grantedScopes: ["https://mail.google.com/"],
        authorizedAccount: email,
        state: "connected",
        flow: "authorization_code",
        connectLinkId: null,
        issuedTo: await issuedToNow(mailbox.id),
      });
      const announced = await forecastOf(mailbox.id);
      const grantedAt = announced.row.connectedAt!.getTime();
      expect(announced.end!.at).toEqual(announced.row.refreshTokenExpiresAt);
      expect(announced.end!.at.getTime() - grantedAt).toBe(announcedSeconds! * 1000);
      // Exactly 7 days after the grant reads as Testing; a second less (Google's usual 604799) as announced.
      expect(announced.end!.reason).toBe(announcedSeconds === 7 * 24 * 3600 ? "testing" : "provider");

      fakes.control.advanceClock(2 * DAY_MS);
      await getAccessToken(mailbox.id, { tenantId: people.tenant.id, forceRefresh: true });
      expect((await forecastOf(mailbox.id)).end).toEqual(announced.end);

      // The admin declares the application in Testing: 7 days after the grant, said so.
      const db = await getDb();
      await db.clientConfiguration.update({ where: { id: config.id }, data: { googleTesting: true } });
      expect((await forecastOf(mailbox.id)).end).toEqual({
        at: new Date(grantedAt + 7 * DAY_MS),
        reason: "testing",
      });
      await getAccessToken(mailbox.id, { tenantId: people.tenant.id, forceRefresh: true });
      expect((await forecastOf(mailbox.id)).end).toEqual({
        at: new Date(grantedAt + 7 * DAY_MS),
        reason: "testing",
      });
    } finally {
      fakes.control.setGoogleTestingPublishingStatus(false);
    }
  });

  it("ends with the grant: a dead connection forecasts nothing", async () => {
    const school = await connectedSchool("microsoft");
    fakes.control.changePassword(school.email);
    await expect(getAccessToken(school.mailbox.id, { tenantId: school.tenant.id })).rejects.toMatchObject({
      state: "needs_reconnect",
    });
    expect((await forecastOf(school.mailbox.id)).end).toBeNull();
  });
});

describe("access tokens of five seconds", () => {
  it("a worker sending a mail every 2 s for 10 mails refreshes a few times, not once per mail", async () => {
    fakes.control.setAccessTokenTtl(5);
    try {
      const school = await connectedSchool("microsoft");
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 2_000));
        ids.push((await school.queue()).id);
        expect(await round()).toEqual(["sent"]);
      }

      const db = await getDb();
      const rows = await db.outgoingMail.findMany({ where: { id: { in: ids } } });
      expect(rows.map((r) => r.status)).toEqual(ids.map(() => "sent"));
      for (const row of rows) {
        expect(fakes.control.messages().filter((m) => m.raw.includes(row.messageId))).toHaveLength(1);
      }
      // 18 s of 5-second tokens renewed at three quarters of their life: about five refreshes, never ten.
      const refreshes = refreshesOf(school.email);
      expect(refreshes).toBeGreaterThanOrEqual(2);
      expect(refreshes).toBeLessThanOrEqual(7);
      expect((await db.mailbox.findUniqueOrThrow({ where: { id: school.mailbox.id } })).state).toBe(
        "connected",
      );
    } finally {
      fakes.control.setAccessTokenTtl(3600);
    }
  }, 60_000);
});

describe("recipients partly refused", () => {
  it("Microsoft refuses one RCPT of three: sent to the two others, the refused one in the API's answer and the mail's words", async () => {
    const school = await connectedSchool("microsoft", { accessExpiresIn: 3600 });
    const keyCtx = await contextFor(school.admin, school.tenant, "apiKeys.write");
    const key = await createApiKey(keyCtx, { name: "Vie scolaire", mailboxIds: [school.mailbox.id] });
    const gone = `ancien.eleve-${school.tenant.slug}@college.test`;
    const reply = "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup";
    fakes.control.refuseRecipient(gone, reply);
    try {
      const posted = await postMessage(
        new Request(`${API}/messages`, {
          method: "POST",
          headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
          body: JSON.stringify({
            from: school.email,
            to: ["parent@example.org", gone],
            cc: ["cpe@example.org"],
            subject: "Sortie scolaire",
            text: "La sortie a lieu vendredi.",
          }),
        }),
      );
      expect(posted.status).toBe(202);
      const { id } = (await posted.json()) as { id: string };
      expect(await round()).toEqual(["sent"]);

      const row = await (await getDb()).outgoingMail.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("sent");
      const [delivered, ...more] = fakes.control.messages().filter((m) => m.raw.includes(row.messageId));
      expect(more).toHaveLength(0);
      expect(delivered!.to.sort()).toEqual(["cpe@example.org", "parent@example.org"]);

      const shown = await getMessage(
        new Request(`${API}/messages/${id}`, { headers: { authorization: `Bearer ${key.key}` } }),
        { params: Promise.resolve({ id }) },
      );
      expect(shown.status).toBe(200);
      const answer = (await shown.json()) as { status: string; refusedRecipients: unknown[] };
      expect(answer.status).toBe("sent");
      expect(answer.refusedRecipients).toEqual([
        { address: gone, response: expect.stringContaining("5.1.10") },
      ]);
      // The mail's page says it in words, with the count the API gives.
      expect(en("outbox.detail.partiallySent", { count: answer.refusedRecipients.length })).toBe(
        "Sent to the other recipients; the server refused 1 recipient (below). Check the address with its owner.",
      );
    } finally {
      fakes.control.refuseRecipient(gone, null);
    }
  });
});
