import { describe, expect, it } from "vitest";
import { defaultFormatLocales } from "@/lib/i18n/dates/format-locale";
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import {
  mailboxHealth,
  mailboxHealthCodes,
  type MailboxHealthFacts,
} from "@/lib/mailbox-health/mailbox-health";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";

const now = new Date("2027-01-10T12:00:00Z");
const day = 86_400_000;
const en = createTranslator("en");
const fr = createTranslator("fr");
// Each language's usual conventions, in a French school's zone.
const datesOf = (t: Translator) => ({ locale: defaultFormatLocales[t.locale], timeZone: "Europe/Paris" });

const connected: MailboxHealthFacts = {
  state: "connected",
  lastErrorCode: null,
  lastErrorAt: null,
  hasRefreshToken: true,
  accessTokenExpiresAt: new Date(now.getTime() + 3600_000),
  grantEnd: null,
  pausedUntil: null,
  pauseReason: null,
  waitingMail: 0,
  transport: "smtp",
};

const line = (facts: Partial<MailboxHealthFacts>, t = en) =>
  mailboxHealthWords(t, datesOf(t), mailboxHealth({ ...connected, ...facts }, now));

describe("mailboxHealth: a connected mailbox", () => {
  it("is healthy and renews itself; with no end known, none is shown", () => {
    expect(line({})).toMatchObject({ code: "healthy", tone: "good", headline: "Healthy · renews itself" });
    expect(mailboxHealth(connected, now)).toMatchObject({ fixes: [], advice: null, stopped: false });
  });

  it("says when Microsoft ends it if unused (predicted), or when the provider announced the end", () => {
    const predicted = { at: new Date("2027-03-02T09:00:00Z"), reason: "inactivity" as const };
    expect(line({ grantEnd: predicted }).headline).toBe(
      "Healthy · renews itself · ends if unused on 2 Mar 2027",
    );
    expect(line({ grantEnd: predicted }, fr).headline).toBe(
      "En bonne santé · se renouvelle seule · prend fin si inutilisée jusqu’au 2 mars 2027",
    );
    const announced = { at: new Date("2027-03-02T09:00:00Z"), reason: "provider" as const };
    expect(line({ grantEnd: announced }).headline).toBe("Healthy · the provider ends it on 2 Mar 2027");
  });

  it("warns within 14 days of the end, with the fix: reconnect, or send a link", () => {
    const soon = { at: new Date(now.getTime() + 13 * day), reason: "inactivity" as const };
    const health = mailboxHealth({ ...connected, grantEnd: soon }, now);
    expect(health).toMatchObject({
      code: "ending_soon",
      tone: "warning",
      fixes: ["reconnect", "send_connect_link"],
    });
    expect(mailboxHealthWords(en, datesOf(en), health).headline).toBe(
      "Ends on 23 Jan 2027 if it is not used before",
    );
    const announced = mailboxHealth({ ...connected, grantEnd: { ...soon, reason: "provider" } }, now);
    expect(mailboxHealthWords(en, datesOf(en), announced).headline).toBe(
      "Ends on 23 Jan 2027, as the provider announced",
    );
    expect(mailboxHealthWords(en, datesOf(en), announced, "owner").advice).toBe(
      "Reconnect it before that date so that its mail keeps leaving.",
    );
    const later = mailboxHealth(
      { ...connected, grantEnd: { ...soon, at: new Date(now.getTime() + 15 * day) } },
      now,
    );
    expect(later.code).toBe("healthy");
  });

  it("without a refresh token, says it cannot renew itself", () => {
    const health = mailboxHealth({ ...connected, hasRefreshToken: false }, now);
    expect(health).toMatchObject({
      code: "no_renewal",
      tone: "warning",
      cause: "connections.causes.noRefreshToken",
    });
    expect(mailboxHealthWords(en, datesOf(en), health).headline).toMatch(
      /^Connected until .+ only: it cannot renew itself$/,
    );
  });

  it("after a temporary failure, says Relais tries again, with the provider's code for support", () => {
    const at = new Date("2027-01-09T08:00:00Z");
    const words = line({ lastErrorCode: "http_503", lastErrorAt: at });
    expect(words).toMatchObject({ code: "retrying", tone: "notice", errorCode: "http_503" });
    // 08:00 UTC is 09:00 in Paris, the school's zone.
    expect(words.headline).toBe("Healthy · renewal failed on 9 Jan 2027, 09:00, Relais tries again");
    expect(words.cause).toBe("The provider could not be reached, or answered with a temporary error.");
  });

  it("after a refused attempt to connect it again, still connected, says so with the fix", () => {
    const words = line({ lastErrorCode: "consent_required", lastErrorAt: new Date("2027-01-09T08:00:00Z") });
    expect(words).toMatchObject({ code: "attempt_failed", tone: "warning", errorCode: "consent_required" });
    expect(words.headline).toMatch(
      /^Connected · an attempt to connect it again was refused on 9 Jan 2027, 09:00/,
    );
    expect(words.advice).toMatch(/admin consent/);
  });

  it("paused by a quota or a throttle: until when, and how much mail waits", () => {
    const until = new Date(now.getTime() + 3600_000);
    const quota = mailboxHealth(
      { ...connected, pausedUntil: until, pauseReason: "554 5.2.0 quota", waitingMail: 3 },
      now,
    );
    expect(quota).toMatchObject({
      code: "paused",
      tone: "notice",
      stopped: true,
      errorCode: "554 5.2.0 quota",
    });
    expect(mailboxHealthWords(en, datesOf(en), quota).headline).toMatch(
      /^Sending paused until .+: the provider's sending limit was reached: 3 mails waiting$/,
    );
    const throttled = mailboxHealth({ ...connected, pausedUntil: until, pauseReason: "throttled: 429" }, now);
    expect(mailboxHealthWords(en, datesOf(en), throttled).headline).toMatch(
      /the provider asked Relais to slow down$/,
    );
    // A pause that is over is no pause.
    expect(mailboxHealth({ ...connected, pausedUntil: new Date(now.getTime() - 1) }, now).code).toBe(
      "healthy",
    );
  });
});

describe("mailboxHealth: a mailbox that cannot send", () => {
  it("needs reconnecting since the day it broke, with its held mail, the cause and both fixes", () => {
    const facts = {
      state: "needs_reconnect" as const,
      lastErrorCode: "AADSTS700082",
      lastErrorAt: new Date("2027-01-03T10:00:00Z"),
      hasRefreshToken: false,
      waitingMail: 4,
    };
    const health = mailboxHealth({ ...connected, ...facts }, now);
    expect(health).toMatchObject({
      code: "needs_reconnect",
      tone: "problem",
      stopped: true,
      fixes: ["reconnect", "send_connect_link"],
      errorCode: "AADSTS700082",
    });
    const words = mailboxHealthWords(en, datesOf(en), health, "owner");
    expect(words.headline).toBe("Must be reconnected since 3 Jan 2027: 4 mails waiting");
    expect(words.cause).toBe("Microsoft ended the authorization after 90 days without use.");
    expect(words.advice).toMatch(/^The provider no longer accepts the authorization/);
    expect(mailboxHealthWords(fr, datesOf(fr), health).headline).toBe(
      "À reconnecter depuis le 3 janv. 2027\u00a0: 4 courriels en attente",
    );
    const one = mailboxHealth({ ...connected, ...facts, waitingMail: 1, lastErrorAt: null }, now);
    expect(mailboxHealthWords(en, datesOf(en), one).headline).toBe("Must be reconnected: 1 mail waiting");
    // Consent withdrawn at Microsoft: reconnecting fails until an admin grants it, so both are told so.
    const consent = mailboxHealth({ ...connected, ...facts, lastErrorCode: "AADSTS65001" }, now);
    for (const audience of ["admin", "owner"] as const) {
      expect(mailboxHealthWords(en, datesOf(en), consent, audience).advice).toMatch(/grant admin consent/);
    }
  });

  it("not connected yet, or disconnected: connect it or send a connect link", () => {
    expect(mailboxHealth({ ...connected, state: "pending", hasRefreshToken: false }, now)).toMatchObject({
      code: "not_connected",
      tone: "warning",
      fixes: ["connect", "send_connect_link"],
    });
    const revoked = mailboxHealth({ ...connected, state: "revoked", hasRefreshToken: false }, now);
    expect(revoked).toMatchObject({ code: "disconnected", fixes: ["connect", "send_connect_link"] });
    expect(mailboxHealthWords(en, datesOf(en), revoked).headline).toBe(
      "Disconnected: nothing is sent from it",
    );
  });

  it("a Google application in Testing: the end 7 days after the grant, and the fix for the admin", () => {
    const testing = { at: new Date(now.getTime() + 5 * day), reason: "testing" as const };
    const health = mailboxHealth({ ...connected, grantEnd: testing }, now);
    expect(health).toMatchObject({ code: "ending_soon", fixes: ["reconnect", "send_connect_link"] });
    expect(mailboxHealthWords(en, datesOf(en), health).headline).toBe(
      "Ends on 15 Jan 2027: the school's Google application is in “Testing”",
    );
    expect(mailboxHealthWords(en, datesOf(en), health, "admin").advice).toMatch(
      /publish the application, or make it Internal/,
    );
    expect(mailboxHealthWords(fr, datesOf(fr), health, "owner").advice).toMatch(
      /publier l’application Google/,
    );
  });

  it("revoked while the provider kept the grant: where to remove the application, by provider", () => {
    const revoked = (outcome: "refused" | "no_endpoint" | "pending", provider: "google" | "microsoft") =>
      mailboxHealth(
        {
          ...connected,
          state: "revoked",
          hasRefreshToken: false,
          providerRevocation: { outcome, code: outcome === "refused" ? "invalid_client" : null, provider },
        },
        now,
      );
    const google = revoked("refused", "google");
    expect(google).toMatchObject({ code: "disconnected", errorCode: "invalid_client" });
    expect(mailboxHealthWords(en, datesOf(en), google, "owner")).toMatchObject({
      headline: "Disconnected here · the provider may still allow the school's application in",
      advice: expect.stringContaining("https://myaccount.google.com/permissions"),
    });
    expect(mailboxHealthWords(fr, datesOf(fr), google, "owner").advice).toContain(
      "https://myaccount.google.com/permissions",
    );
    const microsoft = revoked("no_endpoint", "microsoft");
    expect(mailboxHealthWords(en, datesOf(en), microsoft, "owner").advice).toContain(
      "https://myapps.microsoft.com",
    );
    expect(mailboxHealthWords(fr, datesOf(fr), microsoft, "admin").advice).toContain("Microsoft Entra");
    // Still being asked: nothing to do at the provider yet.
    expect(mailboxHealthWords(en, datesOf(en), revoked("pending", "google"), "owner").headline).toBe(
      "Disconnected: nothing is sent from it",
    );
  });

  it("a missing permission, or one its new transport needs, names the transport in the advice", () => {
    expect(line({ state: "insufficient_scope", lastErrorCode: null }).code).toBe("permission_missing");
    const consent = mailboxHealth(
      {
        ...connected,
        state: "insufficient_scope",
        lastErrorCode: "transport_needs_consent",
        transport: "graph",
      },
      now,
    );
    expect(consent.code).toBe("needs_consent");
    expect(mailboxHealthWords(en, datesOf(en), consent).advice).toContain(
      "It now sends through Microsoft Graph (sendMail)",
    );
  });

  it("SMTP AUTH switched off at Microsoft is said in words, with the way out through Graph", () => {
    const health = mailboxHealth(
      { ...connected, state: "config_error", lastErrorCode: "smtp_auth_disabled", waitingMail: 2 },
      now,
    );
    expect(health).toMatchObject({ code: "smtp_auth_disabled", tone: "problem", fixes: ["switch_to_graph"] });
    expect(mailboxHealthWords(en, datesOf(en), health).headline).toBe(
      "Sending switched off by the school's Microsoft settings: 2 mails waiting",
    );
    expect(mailboxHealthWords(en, datesOf(en), health, "owner").advice).toMatch(
      /^Microsoft has SMTP AUTH switched off/,
    );
  });

  it("a refused OAuth application is the admin's to fix; a refused delegate too", () => {
    const refused = mailboxHealth(
      { ...connected, state: "config_error", lastErrorCode: "AADSTS7000222" },
      now,
    );
    expect(refused).toMatchObject({ code: "application_refused", fixes: ["open_configuration"] });
    const words = mailboxHealthWords(en, datesOf(en), refused);
    expect(words.cause).toBe("The OAuth application's client secret has expired at Microsoft.");
    expect(words.advice).toMatch(/^An administrator must create a new client secret/);
    expect(mailboxHealthWords(en, datesOf(en), refused, "owner").advice).toMatch(
      /Ask the school's IT admin to fix it/,
    );
    const unknownCause = mailboxHealth({ ...connected, state: "config_error", lastErrorCode: null }, now);
    expect(mailboxHealthWords(en, datesOf(en), unknownCause).advice).toMatch(
      /^The provider refused the school's OAuth application/,
    );
    expect(line({ state: "config_error", lastErrorCode: "send_as_denied" })).toMatchObject({
      code: "send_as_denied",
      headline: "Stopped: the delegate may not send as this address",
    });
  });

  it("has words in both languages for every code, with no raw key", () => {
    const cases: Partial<MailboxHealthFacts>[] = [
      {},
      { grantEnd: { at: new Date(now.getTime() + day), reason: "provider" } },
      { hasRefreshToken: false, accessTokenExpiresAt: null },
      { lastErrorCode: "timeout" },
      { lastErrorCode: "consent_required" },
      { pausedUntil: new Date(now.getTime() + day), waitingMail: 2 },
      { state: "pending" },
      { state: "needs_reconnect", waitingMail: 1 },
      { state: "insufficient_scope" },
      { state: "insufficient_scope", lastErrorCode: "transport_needs_consent" },
      { state: "revoked" },
      { grantEnd: { at: new Date(now.getTime() + day), reason: "testing" } },
      { grantEnd: { at: new Date(now.getTime() + 30 * day), reason: "testing" } },
      { state: "needs_reconnect", lastErrorCode: "weird_new_error" },
      ...(["pending", "refused", "unconfirmed", "no_endpoint"] as const).flatMap((outcome) =>
        (["google", "microsoft", "platform_microsoft", "custom"] as const).map((provider) => ({
          state: "revoked" as const,
          providerRevocation: { outcome, code: "invalid_client", provider },
        })),
      ),
      { state: "config_error", lastErrorCode: "invalid_client" },
      { state: "config_error", lastErrorCode: "smtp_auth_disabled" },
      { state: "config_error", lastErrorCode: "send_as_denied" },
    ];
    const seen = new Set<string>();
    for (const facts of cases) {
      for (const t of [en, fr]) {
        for (const audience of ["admin", "owner"] as const) {
          const words = mailboxHealthWords(
            t,
            datesOf(t),
            mailboxHealth({ ...connected, ...facts }, now),
            audience,
          );
          seen.add(words.code);
          for (const text of [words.headline, words.cause, words.advice]) {
            expect(text ?? "").not.toMatch(/mailboxes\.|connections\.|\{/);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...mailboxHealthCodes].sort());
  });
});
