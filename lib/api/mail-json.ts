import type { OutgoingMailDetails } from "@/lib/outbox/get-outgoing-mail";

/** A mail as the API shows it: status, addresses and the attempt history; never the body. */
export function mailJson(mail: OutgoingMailDetails) {
  return {
    id: mail.id,
    messageId: mail.messageId,
    status: mail.status,
    from: mail.mailbox.address,
    to: mail.to,
    cc: mail.cc,
    bcc: mail.bcc,
    subject: mail.subject,
    sizeBytes: mail.sizeBytes,
    attachments: mail.attachments,
    attempts: mail.attempts,
    nextAttemptAt: mail.status === "queued" ? mail.nextAttemptAt.toISOString() : null,
    lastError: mail.lastError,
    smtpResponse: mail.smtpResponse,
    sentAt: mail.sentAt?.toISOString() ?? null,
    createdAt: mail.createdAt.toISOString(),
    attemptHistory: mail.attemptLog.map((a) => ({
      number: a.number,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
      outcome: a.outcome,
      smtpCode: a.smtpCode,
      smtpResponse: a.smtpResponse,
    })),
  };
}
