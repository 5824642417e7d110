import type { MessageKey } from "@/lib/i18n/catalog";
import type { MessageVars } from "@/lib/i18n/translate";
import { isWebhookEventType, WEBHOOK_TEST_EVENT, type WebhookEventType } from "@/lib/webhooks/event-types";

// Words for the codes the webhook pages show, shared by server and client
// components (a server Translator and useT() both fit `Words`). Nothing here
// reads the catalogs themselves, so that client bundles stay small.

type Words = (key: MessageKey, vars?: MessageVars) => string;

/** An event type the catalog has words for: those an endpoint can ask for, and the test event. */
export type NamedEventType = WebhookEventType | typeof WEBHOOK_TEST_EVENT;

function isNamedEventType(type: string): type is NamedEventType {
  return type === WEBHOOK_TEST_EVENT || isWebhookEventType(type);
}

/** "mail.sent" → "Mail sent"; a type this version does not know shows as recorded. */
export function eventLabel(t: Words, type: string): string {
  return isNamedEventType(type) ? t(`webhooks.events.${type}.label`) : type;
}

/** The one-line explanation of an event type, for the endpoint forms. */
export function eventHint(t: Words, type: NamedEventType): string {
  return t(`webhooks.events.${type}.hint`);
}

const FAILURES = [
  "timeout",
  "connect_failed",
  "dns_failed",
  "blocked_address",
  "numeric_host",
  "not_https",
  "invalid_url",
  "redirect_refused",
  "too_large",
  "request_failed",
  "secret_unreadable",
] as const;
type Failure = (typeof FAILURES)[number];

const isFailure = (code: string): code is Failure => (FAILURES as readonly string[]).includes(code);

/**
 * Why a delivery attempt failed, in words: `http_500` → "The endpoint
 * answered 500", `timeout` → "The endpoint did not answer in time". `known`
 * is false for a code this version has no words for: the caller shows the
 * code beside the generic sentence.
 */
export function failureText(t: Words, code: string): { text: string; known: boolean } {
  const http = /^http_(\d{3})$/.exec(code);
  if (http) return { text: t("webhooks.failures.http", { code: http[1]! }), known: true };
  if (isFailure(code)) return { text: t(`webhooks.failures.${code}`), known: true };
  return { text: t("webhooks.failures.unknown"), known: false };
}

export type EndpointState = "enabled" | "failing" | "paused_manual" | "paused_failing";

/** Enabled (and maybe failing), paused by an admin, or paused by Relais because it kept failing. */
export function endpointState(endpoint: {
  enabled: boolean;
  pausedReason: string | null;
  failingSince: Date | null;
}): EndpointState {
  if (!endpoint.enabled) return endpoint.pausedReason === "failing" ? "paused_failing" : "paused_manual";
  return endpoint.failingSince ? "failing" : "enabled";
}

/** An endpoint's state in words: enabled, paused by an admin, or paused because failing since a date. */
export function endpointStateLabel(
  t: Words,
  state: EndpointState,
  failingSince: Date | null,
  format: (date: Date) => string,
): string {
  if (state === "paused_failing" && failingSince) {
    return t("webhooks.state.pausedFailing", { date: format(failingSince) });
  }
  // Relais pauses an endpoint only once it has a failing streak, which enabling it clears.
  if (state === "paused_failing") return t("webhooks.endpoint.paused");
  if (state === "paused_manual") return t("webhooks.state.pausedManual");
  return t("webhooks.state.enabled");
}

/** Badge colours by how urgent the state is. */
export const endpointStateTone: Record<EndpointState, string> = {
  enabled: "bg-green-100 text-green-900",
  failing: "bg-amber-100 text-amber-900",
  paused_manual: "bg-slate-200 text-slate-800",
  paused_failing: "bg-red-100 text-red-900",
};

export const badgeClass = "inline-block rounded px-2 py-0.5 text-xs font-medium";
