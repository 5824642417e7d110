import type { ConnectionState, MailTransport, ProviderRevocationOutcome } from "@/lib/db/generated/enums";
import type { MessageKey } from "@/lib/i18n/catalog";
import { isMicrosoftKind, type ProviderKind } from "@/lib/oauth/presets";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";
import type { PredictedGrantEnd } from "@/lib/connections/stored-grant-end";

const DAY_MS = 86_400_000;
/** A forecast end this close is announced, as on the dashboard and by the ending-soon webhook. */
export const ENDING_SOON_DAYS = 14;

/** Stable codes of the health line (the API's `health.code`). */
export const mailboxHealthCodes = [
  "healthy",
  "ending_soon",
  "no_renewal",
  "retrying",
  "attempt_failed",
  "paused",
  "not_connected",
  "needs_reconnect",
  "permission_missing",
  "needs_consent",
  "disconnected",
  "application_refused",
  "smtp_auth_disabled",
  "send_as_denied",
] as const;
export type MailboxHealthCode = (typeof mailboxHealthCodes)[number];

/** good: nothing to do; notice: it sorts itself out; warning: someone should act soon; problem: nothing leaves. */
export type MailboxHealthTone = "good" | "notice" | "warning" | "problem";

/**
 * What fixes it, as a button or link beside the words. Who may use each is
 * the page's business: `connect`/`reconnect` anyone who may connect the
 * mailbox (its owner, an admin), the others the school's admins.
 */
export type MailboxFix =
  | "connect"
  | "reconnect"
  | "send_connect_link"
  | "open_configuration"
  | "switch_to_graph"
  | "change_delegate";

/** A message variable: dates are formatted by the reader's language, as a day or a moment. */
export type HealthVar = string | number | { day: Date } | { moment: Date } | { transport: MailTransport };
export type HealthMessage = { key: MessageKey; vars: Record<string, HealthVar> };

export interface MailboxHealthFacts {
  state: ConnectionState;
  lastErrorCode: string | null;
  lastErrorAt: Date | null;
  hasRefreshToken: boolean;
  /** When the access token ends; only read without a refresh token. */
  accessTokenExpiresAt: Date | null;
  /** The forecast end of the authorization (predictGrantEnd, or the list's stored forecast). */
  grantEnd: PredictedGrantEnd | null;
  pausedUntil: Date | null;
  pauseReason: string | null;
  /** Mails queued or held for it. */
  waitingMail: number;
  /** How it sends, for the words of a transport waiting for consent. */
  transport: MailTransport;
  /**
   * A revoked mailbox: what became of the withdrawal at its provider, when its owner has
   * something to do there (Mailbox.providerRevocation); null or absent: nothing to say.
   */
  providerRevocation?: {
    outcome: ProviderRevocationOutcome;
    code: string | null;
    provider: ProviderKind;
  } | null;
}

export interface MailboxHealth {
  code: MailboxHealthCode;
  tone: MailboxHealthTone;
  /** One line, the same wherever the mailbox is shown. */
  headline: HealthMessage;
  /** Why, in plain words, when a provider's answer says. */
  cause: MessageKey | null;
  /** What to do: for the school's admins, and for the mailbox's owner. */
  advice: { admin: HealthMessage; owner: HealthMessage } | null;
  fixes: MailboxFix[];
  /** Since when it is in this state, when known. */
  since: Date | null;
  /** Nothing leaves it now: its waiting mail is held until it is fixed (or the pause ends). */
  stopped: boolean;
  /** Mails queued or held for it. */
  waitingMail: number;
  /** The provider's or Relais's own code, for support. */
  errorCode: string | null;
}

const msg = (key: MessageKey, vars: Record<string, HealthVar> = {}): HealthMessage => ({ key, vars });

/** A state's own advice, from the mailbox states' words. */
const stateAdvice = (state: ConnectionState) => ({
  admin: msg(`mailboxes.states.${state}.fix`),
  owner: msg(`mailboxes.states.${state}.ownerFix`),
});

/** The advice that goes with a provider's code, for both audiences. */
const codeAdvice = (code: string | null) => {
  const fix = msg(explainConnectionError(code).fix);
  return { admin: fix, owner: fix };
};

const ENDING_SOON_HEADLINE = {
  provider: "mailboxes.health.endingSoonAnnounced",
  inactivity: "mailboxes.health.endingSoonIdle",
  testing: "mailboxes.health.endingSoonTesting",
} as const satisfies Record<PredictedGrantEnd["reason"], MessageKey>;
const ENDING_ADVICE = {
  provider: "mailboxes.health.advice.endingAnnounced",
  inactivity: "mailboxes.health.advice.endingIdle",
  testing: "mailboxes.health.advice.endingTesting",
} as const satisfies Record<PredictedGrantEnd["reason"], MessageKey>;
const HEALTHY_HEADLINE = {
  provider: "mailboxes.health.healthyAnnounced",
  inactivity: "mailboxes.health.healthyIdle",
  testing: "mailboxes.health.healthyTesting",
} as const satisfies Record<PredictedGrantEnd["reason"], MessageKey>;

/** Where the owner (or an admin) withdraws the school's application at the provider. */
function providerSteps(provider: ProviderKind) {
  const family = provider === "google" ? "google" : isMicrosoftKind(provider) ? "microsoft" : "other";
  return {
    admin: msg(`mailboxes.health.revocation.steps.${family}.admin`),
    owner: msg(`mailboxes.health.revocation.steps.${family}.owner`),
  };
}

const REVOCATION_CAUSE = {
  pending: "mailboxes.health.revocation.pending",
  refused: "mailboxes.health.revocation.refused",
  unconfirmed: "mailboxes.health.revocation.unconfirmed",
  no_endpoint: "mailboxes.health.revocation.noEndpoint",
} as const satisfies Record<ProviderRevocationOutcome, MessageKey>;

/** A revoked mailbox: disconnected here, and what the provider's side came to. */
function revokedHealth(
  facts: MailboxHealthFacts,
  base: Pick<MailboxHealth, "waitingMail" | "errorCode" | "since" | "stopped">,
): MailboxHealth {
  const revocation = facts.providerRevocation;
  const providerKeeps = revocation && revocation.outcome !== "pending";
  return {
    ...base,
    code: "disconnected",
    tone: "problem",
    headline: msg(
      providerKeeps ? "mailboxes.health.disconnectedProviderKeeps" : "mailboxes.health.disconnected",
    ),
    cause: revocation ? REVOCATION_CAUSE[revocation.outcome] : null,
    advice: providerKeeps ? providerSteps(revocation.provider) : stateAdvice("revoked"),
    fixes: ["connect", "send_connect_link"],
    errorCode: revocation?.code ?? base.errorCode,
  };
}

function connectedHealth(facts: MailboxHealthFacts, now: Date): MailboxHealth {
  const base = {
    waitingMail: facts.waitingMail,
    errorCode: facts.lastErrorCode,
    since: null,
    cause: null,
    stopped: false,
  };
  if (facts.pausedUntil && facts.pausedUntil > now) {
    const throttled = facts.pauseReason?.startsWith("throttled:") ?? false;
    return {
      ...base,
      code: "paused",
      tone: "notice",
      headline: msg(throttled ? "mailboxes.health.pausedThrottled" : "mailboxes.health.pausedQuota", {
        moment: { moment: facts.pausedUntil },
      }),
      advice: { admin: msg("mailboxes.health.advice.paused"), owner: msg("mailboxes.health.advice.paused") },
      fixes: [],
      stopped: true,
      errorCode: facts.pauseReason,
    };
  }
  if (!facts.hasRefreshToken) {
    return {
      ...base,
      code: "no_renewal",
      tone: "warning",
      headline: facts.accessTokenExpiresAt
        ? msg("mailboxes.health.noRenewalUntil", { moment: { moment: facts.accessTokenExpiresAt } })
        : msg("mailboxes.health.noRenewal"),
      cause: "connections.causes.noRefreshToken",
      advice: codeAdvice("no_refresh_token"),
      fixes: ["reconnect", "send_connect_link"],
    };
  }
  const explained = facts.lastErrorCode ? explainConnectionError(facts.lastErrorCode) : null;
  // A refresh refused for a passing reason: the state stays, Relais tries again.
  const passing =
    explained?.cause === "connections.causes.transient" || explained?.cause === "connections.causes.unknown";
  if (explained && !passing) {
    // A new connection attempt was refused (consent, the school's application, SMTP AUTH): the current one still works.
    return {
      ...base,
      code: "attempt_failed",
      tone: "warning",
      headline: facts.lastErrorAt
        ? msg("mailboxes.health.attemptFailedOn", { date: { moment: facts.lastErrorAt } })
        : msg("mailboxes.health.attemptFailed"),
      cause: explained.cause,
      advice: codeAdvice(facts.lastErrorCode),
      fixes: [],
      since: facts.lastErrorAt,
    };
  }
  if (explained) {
    return {
      ...base,
      code: "retrying",
      tone: "notice",
      headline: facts.lastErrorAt
        ? msg("mailboxes.health.retryingSince", { date: { moment: facts.lastErrorAt } })
        : msg("mailboxes.health.retrying"),
      cause: explained.cause,
      advice: codeAdvice(facts.lastErrorCode),
      fixes: [],
      since: facts.lastErrorAt,
    };
  }
  const end = facts.grantEnd;
  if (end && end.at.getTime() - now.getTime() <= ENDING_SOON_DAYS * DAY_MS) {
    return {
      ...base,
      code: "ending_soon",
      tone: "warning",
      headline: msg(ENDING_SOON_HEADLINE[end.reason], { date: { day: end.at } }),
      advice: {
        admin: msg(ENDING_ADVICE[end.reason]),
        owner: msg(
          end.reason === "testing"
            ? "mailboxes.health.advice.endingTestingOwner"
            : "mailboxes.health.advice.endingOwner",
        ),
      },
      fixes: ["reconnect", "send_connect_link"],
    };
  }
  return {
    ...base,
    code: "healthy",
    tone: "good",
    headline: !end
      ? msg("mailboxes.health.healthy")
      : msg(HEALTHY_HEADLINE[end.reason], { date: { day: end.at } }),
    advice: null,
    fixes: [],
  };
}

/**
 * The one health line of a mailbox, from its state, the forecast end of its
 * authorization, its waiting mail and its last error: the words (catalog keys
 * and variables), how urgent, and what fixes it. Shown by the mailbox list,
 * the mailbox page and "My mailboxes", and sent by the API, so that all say
 * the same.
 */
export function mailboxHealth(facts: MailboxHealthFacts, now = new Date()): MailboxHealth {
  if (facts.state === "connected") return connectedHealth(facts, now);
  const code = facts.lastErrorCode;
  const since = facts.lastErrorAt;
  const base = { waitingMail: facts.waitingMail, errorCode: code, since, stopped: true };
  const cause = code ? explainConnectionError(code).cause : null;
  switch (facts.state) {
    case "pending":
      return {
        ...base,
        code: "not_connected",
        tone: "warning",
        headline: msg("mailboxes.health.notConnected"),
        cause: null,
        advice: stateAdvice("pending"),
        fixes: ["connect", "send_connect_link"],
        since: null,
      };
    case "needs_reconnect":
      return {
        ...base,
        code: "needs_reconnect",
        tone: "problem",
        headline: since
          ? msg("mailboxes.health.needsReconnectSince", { date: { day: since } })
          : msg("mailboxes.health.needsReconnect"),
        // An answer Relais does not know stops a connection only after days of retries.
        cause: cause === "connections.causes.unknown" ? "connections.causes.unknownPersisting" : cause,
        // Consent withdrawn or never given (AADSTS65001): reconnecting fails until an admin grants it.
        advice:
          code && explainConnectionError(code).fix === "connections.fixes.adminConsent"
            ? codeAdvice(code)
            : stateAdvice("needs_reconnect"),
        fixes: ["reconnect", "send_connect_link"],
      };
    case "insufficient_scope":
      if (code === "transport_needs_consent") {
        const transport = { transport: { transport: facts.transport } };
        return {
          ...base,
          code: "needs_consent",
          tone: "problem",
          headline: msg("mailboxes.health.needsConsent"),
          cause,
          advice: {
            admin: msg("mailboxes.needsConsent.fix", transport),
            owner: msg("mailboxes.needsConsent.ownerFix", transport),
          },
          fixes: ["reconnect", "send_connect_link"],
        };
      }
      return {
        ...base,
        code: "permission_missing",
        tone: "problem",
        headline: msg("mailboxes.health.permissionMissing"),
        cause,
        advice: stateAdvice("insufficient_scope"),
        fixes: ["reconnect", "send_connect_link"],
      };
    case "revoked":
      return revokedHealth(facts, base);
    case "config_error":
      if (code === "smtp_auth_disabled") {
        return {
          ...base,
          code: "smtp_auth_disabled",
          tone: "problem",
          headline: msg("mailboxes.health.smtpAuthDisabled"),
          // The advice says what happened, and both ways out.
          cause: null,
          advice: { admin: msg("mailboxes.smtpAuthOff.body"), owner: msg("mailboxes.smtpAuthOff.ownerBody") },
          fixes: ["switch_to_graph"],
        };
      }
      if (code === "send_as_denied") {
        return {
          ...base,
          code: "send_as_denied",
          tone: "problem",
          headline: msg("mailboxes.health.sendAsDenied"),
          cause,
          advice: {
            admin: msg("connections.fixes.grantSendAs"),
            owner: msg("mailboxes.health.advice.askAdmin"),
          },
          fixes: ["change_delegate"],
        };
      }
      return {
        ...base,
        code: "application_refused",
        tone: "problem",
        headline: msg("mailboxes.health.applicationRefused"),
        cause,
        advice: {
          admin: code ? codeAdvice(code).admin : stateAdvice("config_error").admin,
          owner: stateAdvice("config_error").owner,
        },
        fixes: ["open_configuration"],
      };
  }
}
