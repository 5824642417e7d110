import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { mailContentState } from "./mail-content-state";
import { visibleMailWhere, type MailSender } from "./mail-sender";

/**
 * One mail the sender may see, with its attempts; anything else is not found.
 * Relayed mail carries its credential's name and the client's address; the
 * message itself (`raw`) is never read here. `content` says whether the
 * subject, body and attachments are still kept or were deleted under the
 * school's retention period.
 */
export async function getOutgoingMail(sender: MailSender, id: string) {
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  const mail = await db.outgoingMail.findFirst({
    where: { ...visibleMailWhere(sender), id },
    select: {
      id: true,
      messageId: true,
      status: true,
      source: true,
      // Joined through (tenantId, relayCredentialId): only ever the school's own credential.
      relayCredential: { select: { id: true, name: true } },
      clientIp: true,
      to: true,
      cc: true,
      bcc: true,
      subject: true,
      sizeBytes: true,
      recipientCount: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      smtpResponse: true,
      refusedRecipients: true,
      sentAt: true,
      createdAt: true,
      updatedAt: true,
      bodyPurgedAt: true,
      bodyPurgedAfterDays: true,
      mailbox: { select: { id: true, address: true, tenant: { select: { mailBodyRetentionDays: true } } } },
      attachments: { select: { filename: true, contentType: true, size: true } },
      attemptLog: {
        orderBy: { id: "asc" },
        select: {
          number: true,
          startedAt: true,
          finishedAt: true,
          outcome: true,
          smtpCode: true,
          smtpResponse: true,
        },
      },
    },
  });
  if (!mail) throw notFound();
  return { ...mail, content: mailContentState(mail, mail.mailbox.tenant.mailBodyRetentionDays) };
}

export type OutgoingMailDetails = Awaited<ReturnType<typeof getOutgoingMail>>;
