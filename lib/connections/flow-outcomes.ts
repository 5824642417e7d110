import { isMessageKey, type Translator } from "@/lib/i18n/translate";

/** What the result page can say about an authorization attempt. */
export const flowOutcomes = [
  "connected",
  "insufficient_scope",
  "declined",
  "wrong_account",
  "account_refused",
  "smtp_auth_disabled",
  "identity_unverified",
  "id_token_invalid",
  "config_refused",
  "config_unusable",
  /** The mailbox was moved, given another delegate or its application another client while authorizing. */
  "mailbox_changed",
  "consent_required",
  "provider_error",
  "provider_unavailable",
  "code_refused",
  "already_completed",
  "state_missing",
  "state_unknown",
  "state_used",
  "state_expired",
  "other_browser",
  "other_person",
  "session_ended",
  "issuer_mismatch",
  "not_found",
  "link_invalid",
  "device_unsupported",
  "device_scope_refused",
  "device_expired",
  "internal",
] as const;
export type FlowOutcome = (typeof flowOutcomes)[number];

/** Each outcome's name under connect.result (its title and sentence). */
export const flowOutcomeKeys: Record<FlowOutcome, string> = {
  connected: "connected",
  insufficient_scope: "insufficientScope",
  declined: "declined",
  wrong_account: "wrongAccount",
  account_refused: "accountRefused",
  smtp_auth_disabled: "smtpAuthDisabled",
  identity_unverified: "identityUnverified",
  id_token_invalid: "idTokenInvalid",
  config_refused: "configRefused",
  config_unusable: "configUnusable",
  mailbox_changed: "mailboxChanged",
  consent_required: "consentRequired",
  provider_error: "providerError",
  provider_unavailable: "providerUnavailable",
  code_refused: "codeRefused",
  already_completed: "alreadyCompleted",
  state_missing: "stateMissing",
  state_unknown: "stateUnknown",
  state_used: "stateUsed",
  state_expired: "stateExpired",
  other_browser: "otherBrowser",
  other_person: "otherPerson",
  session_ended: "sessionEnded",
  issuer_mismatch: "issuerMismatch",
  not_found: "notFound",
  link_invalid: "linkInvalid",
  device_unsupported: "deviceUnsupported",
  device_scope_refused: "deviceScopeRefused",
  device_expired: "deviceExpired",
  internal: "internal",
};

/** A flow outcome's title ("wrong_account" → "Another account was used"); null for a code that is none. */
export function flowOutcomeTitle(t: Translator, outcome: string): string | null {
  if (!Object.hasOwn(flowOutcomeKeys, outcome)) return null;
  const key = `connect.result.${flowOutcomeKeys[outcome as FlowOutcome]}.title`;
  return isMessageKey(key) ? t(key) : null;
}
