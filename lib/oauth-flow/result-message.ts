import type { MessageKey } from "@/lib/i18n/catalog";
import { isMessageKey, type Translator } from "@/lib/i18n/translate";
import type { FlowOutcome, FlowResult } from "./flow-result";

const KEYS: Record<FlowOutcome, string> = {
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

export type ResultTone = "success" | "warning" | "error";

export function resultTone(outcome: FlowOutcome): ResultTone {
  if (outcome === "connected" || outcome === "already_completed") return "success";
  if (outcome === "insufficient_scope" || outcome === "declined") return "warning";
  return "error";
}

/** A flow outcome's title ("wrong_account" → "Another account was used"); null for a code that is none. */
export function flowOutcomeTitle(t: Translator, outcome: string): string | null {
  if (!Object.hasOwn(KEYS, outcome)) return null;
  const key = `connect.result.${KEYS[outcome as FlowOutcome]}.title`;
  return isMessageKey(key) ? t(key) : null;
}

/** The title and the sentence a person reads for a result, in their language. */
export function resultMessage(t: Translator, result: FlowResult): { title: string; body: string } {
  const base = `connect.result.${KEYS[result.outcome]}`;
  const bodyKey =
    result.outcome === "wrong_account" && !result.account ? `${base}.bodyUnknown` : `${base}.body`;
  const reason = result.reasonKey && isMessageKey(result.reasonKey) ? t(result.reasonKey) : "";
  const vars = {
    mailbox: result.mailbox ?? "",
    account: result.account ?? "",
    missing: (result.missing ?? []).join(", "),
    code: result.code ?? "—",
    reason,
  };
  return { title: t(`${base}.title` as MessageKey), body: t(bodyKey as MessageKey, vars) };
}
