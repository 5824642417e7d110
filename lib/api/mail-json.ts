import type { OutgoingMailDetails } from "@/lib/outbox/get-outgoing-mail";
import type { MailContentState } from "@/lib/outbox/mail-content-state";
import { readRefusedRecipients } from "@/lib/outbox/refused-recipients";

/**
 * What became of the mail's subject, body and attachments under the school's
 * retention period, with a sentence for people reading the JSON (English, like
 * the API's errors).
 */
export function contentJson(content: MailContentState) {
  if (content.state === "deleted") {
    return {
      state: "deleted" as const,
      deletedAt: content.deletedAt.toISOString(),
      retentionDays: content.afterDays,
      deleteAfter: null,
      note:
        content.afterDays === null
          ? "Subject, body and attachments deleted when the sender's personal data was erased."
          : `Subject, body and attachments deleted after ${content.afterDays} days (the school's retention period).`,
    };
  }
  return {
    state: "kept" as const,
    deletedAt: null,
    retentionDays: content.retentionDays,
    deleteAfter: content.state === "kept" ? content.deleteAfter.toISOString() : null,
    note: null,
  };
}

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
    content: contentJson(mail.content),
    attempts: mail.attempts,
    nextAttemptAt: mail.status === "queued" ? mail.nextAttemptAt.toISOString() : null,
    lastError: mail.lastError,
    smtpResponse: mail.smtpResponse,
    // Sent, but these recipients were refused by the server (the others received it).
    refusedRecipients: readRefusedRecipients(mail.refusedRecipients),
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
