import type { MessageKey } from "@/lib/i18n/catalog";
import type { outbox } from "@/lib/i18n/messages/en/outbox";
import { explainConnectionError } from "@/lib/connections/explain-connection-error";

/** A mail's last error in words: what happened, why (when a provider's code says), and what fixes it. */
export interface MailErrorExplanation {
  reason: MessageKey;
  /** The provider's cause, for a mailbox error that carries its code ("mailbox_needs_reconnect: AADSTS700082"). */
  cause: MessageKey | null;
  /** The mail waits for its mailbox to be (re)connected: the page offers Reconnect beside the words. */
  fix: "reconnect" | "open_mailbox" | null;
  /** What was recorded, unchanged, for support: the code and the server's own answer. */
  raw: string;
}

type Reason = { key: keyof typeof outbox.reasons; fix: MailErrorExplanation["fix"]; codeCause?: boolean };

// The codes the worker and the queue write before ":" (lib/worker/send-one.ts, lib/outbox/queue-mail.ts).
const REASONS: Record<string, Reason> = {
  mailbox_pending: { key: "mailboxPending", fix: "reconnect" },
  mailbox_needs_reconnect: { key: "mailboxNeedsReconnect", fix: "reconnect", codeCause: true },
  mailbox_insufficient_scope: { key: "mailboxInsufficientScope", fix: "reconnect" },
  mailbox_config_error: { key: "mailboxConfigError", fix: "open_mailbox", codeCause: true },
  mailbox_revoked: { key: "mailboxRevoked", fix: null },
  mailbox_paused: { key: "mailboxPaused", fix: null },
  smtp_auth_disabled: { key: "smtpAuthDisabled", fix: "open_mailbox" },
  send_as_denied: { key: "sendAsDenied", fix: "open_mailbox" },
  quota: { key: "quota", fix: null },
  throttled: { key: "throttled", fix: null },
  api_concurrency: { key: "apiConcurrency", fix: null },
  cancelled: { key: "cancelled", fix: null },
};

/**
 * A mail's `lastError` ("mailbox_needs_reconnect: AADSTS700082", "quota: 452 …",
 * "attempts exhausted: 421 …", or a server's bare answer) in plain words, as
 * catalog keys under `outbox.reasons`; null when there is none.
 */
export function explainMailError(lastError: string | null, status: string): MailErrorExplanation | null {
  if (!lastError) return null;
  if (/^attempts exhausted:/.test(lastError)) {
    return { reason: "outbox.reasons.attemptsExhausted", cause: null, fix: null, raw: lastError };
  }
  const coded = /^([a-z][a-z0-9_]*)(?::\s*(.*))?$/s.exec(lastError);
  const known = coded ? REASONS[coded[1]!] : undefined;
  if (!coded || !known) {
    const reason = status === "failed" ? "outbox.reasons.rejected" : "outbox.reasons.temporary";
    return { reason, cause: null, fix: null, raw: lastError };
  }
  const code = coded[2]?.trim() || null;
  return {
    reason: `outbox.reasons.${known.key}`,
    cause: known.codeCause && code ? explainConnectionError(code).cause : null,
    fix: known.fix,
    raw: lastError,
  };
}
