import type { MessageKey } from "@/lib/i18n/catalog";
import { createTranslator } from "@/lib/i18n/translate";
import { readRefusedRecipients } from "@/lib/outbox/refused-recipients";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";

/** An event as stored (lib/webhooks triggers and queueWebhookEvent). */
export type StoredWebhookEvent = {
  id: string;
  type: string;
  createdAt: Date;
  data: unknown;
};

type Facts = Record<string, unknown>;

export type WebhookPayload = { type: string; timestamp: string; data: Facts };

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

const MAIL_REASONS = {
  mailbox_needs_reconnect: "webhooks.reasons.mailboxNeedsReconnect",
  mailbox_pending: "webhooks.reasons.mailboxPending",
  mailbox_insufficient_scope: "webhooks.reasons.mailboxInsufficientScope",
  mailbox_config_error: "webhooks.reasons.mailboxConfigError",
  mailbox_paused: "webhooks.reasons.mailboxPaused",
  smtp_auth_disabled: "webhooks.reasons.smtpAuthDisabled",
  quota: "webhooks.reasons.quota",
  send_as_denied: "webhooks.reasons.sendAsDenied",
  attempts_exhausted: "webhooks.reasons.attemptsExhausted",
  rejected: "webhooks.reasons.rejected",
} satisfies Record<string, MessageKey>;

/** The codes a held or failed mail's `reason.code` can take (the OpenAPI document lists them). */
export const mailReasonCodes = [...Object.keys(MAIL_REASONS), "unknown"] as const;

const mailReasonKey = (code: string): MessageKey =>
  Object.hasOwn(MAIL_REASONS, code)
    ? (MAIL_REASONS as Record<string, MessageKey>)[code]!
    : "webhooks.reasons.unknown";

/**
 * A mail's lastError ("mailbox_needs_reconnect", "quota: 452 …", "attempts
 * exhausted: 421 …", or a server's bare answer) as a code and the server's
 * own words, if any.
 */
export function mailReason(
  lastError: string | null,
  status: string,
): { code: string; response: string | null } {
  if (!lastError) return { code: status === "failed" ? "rejected" : "unknown", response: null };
  const exhausted = /^attempts exhausted:\s*/.exec(lastError);
  if (exhausted) return { code: "attempts_exhausted", response: lastError.slice(exhausted[0].length) };
  const coded = /^([a-z][a-z0-9_]*)(?::\s*(.*))?$/s.exec(lastError);
  if (coded && Object.hasOwn(MAIL_REASONS, coded[1]!)) return { code: coded[1]!, response: coded[2] ?? null };
  return { code: status === "failed" ? "rejected" : "unknown", response: lastError };
}

/**
 * The JSON body of an event, in the Standard Webhooks shape `{type,
 * timestamp, data}`: the stored facts, with each reason as a code and in
 * words (English, the API's language). The same event renders the same body
 * on every attempt. Never a token or a mail body: the facts hold neither.
 */
export function renderWebhookPayload(event: StoredWebhookEvent): WebhookPayload {
  const t = createTranslator("en");
  const facts = (event.data ?? {}) as Facts;
  const timestamp = event.createdAt.toISOString();
  const data: Facts = { ...facts };
  delete data.at;

  if (event.type.startsWith("mail.")) {
    const status = String(facts.status ?? "");
    delete data.lastError;
    delete data.refusedRecipients;
    if (event.type === "mail.sent") {
      data.reason = null;
      // Sent, but the server refused these at RCPT TO while it accepted the others; empty when none.
      data.refusedRecipients = readRefusedRecipients(facts.refusedRecipients);
    } else if (event.type === "mail.released") {
      data.reason = { code: "released", message: t("webhooks.reasons.released"), response: null };
    } else {
      const { code, response } = mailReason(text(facts.lastError), status);
      data.reason = { code, message: t(mailReasonKey(code)), response };
    }
  } else if (event.type === "mailbox.state_changed") {
    const state = String(facts.state ?? "");
    const code = text(facts.code);
    let message: string;
    if (state === "paused") message = t("webhooks.states.paused", { until: String(facts.pausedUntil ?? "") });
    else if (state === "connected" || state === "pending" || state === "revoked")
      message = t(`webhooks.states.${state}`);
    else message = t(explainConnectionError(code).cause);
    data.reason = { code: code ?? state, message };
    delete data.code;
  } else if (event.type === "configuration.error") {
    const code = text(facts.code);
    data.reason = { code, message: t(explainConnectionError(code).cause) };
    delete data.code;
  } else if (event.type === "mailbox.ending_soon") {
    const kind = facts.reason === "provider" || facts.reason === "testing" ? facts.reason : "inactivity";
    data.reason = {
      code: kind,
      message: t(`webhooks.endingSoon.${kind}`, { date: String(facts.endsAt ?? "") }),
    };
  } else if (event.type === "webhook.test") {
    data.message = t("webhooks.test");
  }
  return { type: event.type, timestamp, data };
}
