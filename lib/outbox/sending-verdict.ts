import type { MailboxHealthCode } from "@/lib/mailbox-health/mailbox-health";

/**
 * What a mail queued now from a mailbox waits for, when the mailbox cannot
 * send: the end of a pause, a first connection, a reconnection, or a fix in
 * the school's settings (its OAuth application, SMTP AUTH, Send As).
 */
export const waitReasons = [
  "paused",
  "not_connected",
  "reconnect",
  "configuration",
  "smtp_auth",
  "send_as",
] as const;
export type WaitReason = (typeof waitReasons)[number];

/**
 * Whether a mail queued now from a mailbox is sent, held until the mailbox
 * can send (and released then by itself: lib/outbox/release-held-mail.ts), or
 * refused. Only a revoked mailbox refuses: its waiting mail is cancelled at
 * the revocation, so mail queued after it would wait for nothing.
 */
export type SendingVerdict = { kind: "send" } | { kind: "hold"; reason: WaitReason } | { kind: "refuse" };

const holds: Partial<Record<MailboxHealthCode, WaitReason>> = {
  paused: "paused",
  not_connected: "not_connected",
  needs_reconnect: "reconnect",
  permission_missing: "reconnect",
  needs_consent: "reconnect",
  application_refused: "configuration",
  smtp_auth_disabled: "smtp_auth",
  send_as_denied: "send_as",
};

/**
 * The verdict read from the mailbox's one health line (mailboxHealth), so
 * that the compose page, the test mail and the answer after queuing say what
 * the health line says. It agrees with the queue's own rule
 * (outgoingMailRow: held unless connected and not paused), which
 * tests/unit/sending-verdict.test.ts checks for every state.
 */
export function sendingVerdict(code: MailboxHealthCode): SendingVerdict {
  if (code === "disconnected") return { kind: "refuse" };
  const reason = holds[code];
  return reason ? { kind: "hold", reason } : { kind: "send" };
}
