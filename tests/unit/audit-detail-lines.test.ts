import { describe, expect, it } from "vitest";
import { auditDetailLines } from "@/lib/audit/audit-detail-lines";
import { catalogs } from "@/lib/i18n/catalog";
import { createTranslator } from "@/lib/i18n/translate";

const en = createTranslator("en");
const fr = createTranslator("fr");
const dates = {
  en: { locale: "en-GB", timeZone: "Europe/Paris" },
  fr: { locale: "fr-FR", timeZone: "Europe/Paris" },
};
const text = (t: typeof en, action: string, details: Parameters<typeof auditDetailLines>[3]) =>
  auditDetailLines(t, dates[t.locale], action, details).map((line) => `${line.label}: ${line.value}`);

describe("audit details in words", () => {
  it("name each recorded fact and say its codes in words, permissions by name", () => {
    expect(
      text(en, "mailbox.connected", {
        state: "connected",
        flow: "authorization_code",
        account: "cdi@college.test",
        grantedScopes: ["https://outlook.office.com/SMTP.Send", "offline_access"],
        newRefreshToken: true,
        viaConnectLink: false,
      }),
    ).toEqual([
      "State: Connected",
      "How it was connected: In the browser",
      "Account: cdi@college.test",
      "Permissions granted: Send mail over SMTP (Microsoft 365), Stay connected (renew access without signing in again)",
      "New refresh token received: Yes",
      "Through a connect link: No",
    ]);
    expect(text(en, "mailbox.connect_failed", { outcome: "wrong_account", account: "x@y.test" })).toEqual([
      "Outcome: Another account was used",
      "Account: x@y.test",
    ]);
    expect(text(en, "mailbox.needs_reconnect", { code: "AADSTS700082" })).toEqual([
      "Cause: Microsoft ended the authorization after 90 days without use. (AADSTS700082)",
    ]);
    expect(
      text(en, "mailbox.updated", {
        transport: { from: "smtp", to: "graph" },
        state: { from: "config_error", to: "insufficient_scope" },
      }),
    ).toEqual([
      "Sent through: SMTP (XOAUTH2) → Microsoft Graph (sendMail)",
      "State: OAuth application refused → Permission missing",
    ]);
    expect(text(en, "member.role_changed", { from: "member", to: "admin" })).toEqual([
      "Before: Member",
      "After: Administrator",
    ]);
    expect(text(en, "mailbox.revoked", { providerRevocation: "no_endpoint", cancelledMail: 1200 })[1]).toBe(
      "Waiting mails cancelled: 1,200",
    );
  });

  it("speak French, and keep a detail they do not know as recorded", () => {
    expect(text(fr, "mailbox.connected", { flow: "device_code", hasRefreshToken: true })).toEqual([
      "Mode de connexion: Avec un code d’appareil",
      "Peut se renouveler: Oui",
    ]);
    expect(text(fr, "client.updated", { clientSecret: "replaced", somethingNew: "x" })).toEqual([
      "Secret client: Remplacé",
      "somethingNew: x",
    ]);
  });

  it("say a preflight check's outcome per step in words, a code beside a failure", () => {
    expect(
      text(en, "mailbox.preflight", {
        transport: "smtp",
        steps: { token: "passed", scopes: "passed", smtp: "failed: 5.7.139" },
      }),
    ).toEqual([
      "Sent through: SMTP (XOAUTH2)",
      "Checks: Access token: Passed; Permissions: Passed; SMTP sign-in: Failed (code 5.7.139)",
    ]);
    expect(text(fr, "mailbox.preflight", { steps: { smtp: "skipped" } })[0]).toContain("Non essayé");
    expect(
      text(en, "mailbox.preflight", {
        transport: "graph",
        trigger: "connect",
        steps: { token: "passed", scopes: "passed", api: "failed: 404 Request_ResourceNotFound" },
      }),
    ).toEqual([
      "Sent through: Microsoft Graph (sendMail)",
      "Run: right after connecting",
      "Checks: Access token: Passed; Permissions: Passed; Mail API: Failed (code 404 Request_ResourceNotFound)",
    ]);
    expect(text(fr, "mailbox.preflight", { trigger: "configuration" })).toEqual([
      "Lancement: depuis la vérification de l’application OAuth",
    ]);
  });

  it("say a school's language and time zone in words, and dates in the school's zone", () => {
    expect(text(en, "tenant.language_changed", { from: "fr", to: "en" })).toEqual([
      "Before: French",
      "After: English",
    ]);
    expect(text(fr, "tenant.language_changed", { from: "fr", to: "en" })).toEqual([
      "Avant: Français",
      "Après: Anglais",
    ]);
    expect(text(en, "tenant.time_zone_changed", { from: "Europe/Paris", to: "America/Toronto" })).toEqual([
      "Before: Europe/Paris",
      "After: America/Toronto",
    ]);
    expect(text(en, "tenant.created", { slug: "lycee", language: "fr", timeZone: "Europe/Paris" })).toEqual([
      "Address in the portal: lycee",
      "Language: French",
      "Time zone: Europe/Paris",
    ]);
    // 23:30 UTC is the next day in Paris; a calendar day stays the day it names.
    expect(text(en, "webhook_endpoint.paused_failing", { failingSince: "2026-12-02T23:30:00.000Z" })).toEqual(
      ["Failing since: 3 Dec 2026, 00:30"],
    );
    expect(text(en, "migration.imported", { periodStart: "2026-12-02" })).toEqual([
      "Period start: 2 Dec 2026",
    ]);
    // An endpoint's events by their names on the webhooks page; a relay credential's sender policy by its words.
    expect(text(en, "webhook_endpoint.created", { events: ["mail.sent", "mailbox.state_changed"] })).toEqual([
      "Events: Mail sent, Mailbox state changed",
    ]);
    expect(text(fr, "webhook_endpoint.created", { events: ["configuration.error"] })).toEqual([
      "Événements: Application OAuth refusée",
    ]);
    expect(text(en, "relay_credential.created", { fromPolicy: "fixed_keep_name" })).toEqual([
      `Sender address: ${en("relay.policies.fixed_keep_name.label")}`,
    ]);
  });

  it("have a label in both languages for every detail the code records", () => {
    const recorded = [
      "account",
      "accountDeleted",
      "aadsts",
      "added",
      "allowedNetworks",
      "assignmentsRemoved",
      "attempts",
      "auditEntriesPseudonymised",
      "bulk",
      "byPlatformOperator",
      "cancelledMail",
      "capturedMailDeleted",
      "changed",
      "clientId",
      "clientSecret",
      "code",
      "configuration",
      "connectLinkId",
      "count",
      "credential",
      "dailyCap",
      "delegateAccount",
      "disconnected",
      "displayName",
      "events",
      "expiresInDays",
      "failingSince",
      "flow",
      "followsConfiguration",
      "from",
      "fromPolicy",
      "grantedScopes",
      "hasRefreshToken",
      "invitationsDeleted",
      "invitedRole",
      "language",
      "mailCancelled",
      "mailContentDeleted",
      "mailbox",
      "mailboxes",
      "mailboxesKept",
      "manageWebhooks",
      "members",
      "membershipRemoved",
      "membershipsRemoved",
      "missing",
      "mustReconsent",
      "newAccount",
      "newRefreshToken",
      "outcome",
      "periodEnd",
      "periodStart",
      "prefix",
      "previousSecretValidUntil",
      "previousState",
      "previousUrl",
      "provider",
      "providerError",
      "providerRevocation",
      "releasedMail",
      "removed",
      "replacedInvitations",
      "replacedLinks",
      "resumed",
      "role",
      "secret",
      "senders",
      "signInAttemptsDeleted",
      "slug",
      "source",
      "sourceId",
      "sourceName",
      "state",
      "status",
      "timeZone",
      "to",
      "transport",
      "userId",
      "username",
      "viaConfiguration",
      "viaConnectLink",
    ];
    const missing = recorded.filter(
      (key) =>
        !(key in catalogs.en.audit.details) ||
        !(key in (catalogs.fr.audit.details as Record<string, string>)),
    );
    expect(missing).toEqual([]);
  });
});
