import { randomUUID } from "node:crypto";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { domainOf } from "./mail-address";
import type { CheckedMail } from "./mail-input";
import { tenantOf, type MailSender } from "./mail-sender";

/** The mailbox columns queueing reads (Prisma `select`), its provider included for the checks. */
export const queueingMailboxSelect = {
  id: true,
  address: true,
  displayName: true,
  state: true,
  pausedUntil: true,
  clientConfiguration: { select: { provider: true } },
} as const;

/** What queueing needs to know of the mailbox a mail is sent from. */
export type QueueingMailbox = {
  id: string;
  address: string;
  displayName: string;
  state: ConnectionState;
  pausedUntil: Date | null;
};

/**
 * The row of a new outgoing mail (its attachments apart), shared by the
 * single and batch submissions: its Message-ID fixed now and kept through
 * every retry, `held` with the reason while its mailbox cannot send (needs
 * reconnect, paused…), else queued for now or for its `sendAt`.
 */
export function outgoingMailRow(
  sender: MailSender,
  mailbox: QueueingMailbox,
  mail: CheckedMail,
  idempotencyKey: string | null,
  now: Date,
) {
  const paused = mailbox.pausedUntil !== null && mailbox.pausedUntil > now;
  const held = mailbox.state !== "connected" || paused;
  return {
    tenantId: tenantOf(sender),
    mailboxId: mailbox.id,
    messageId: `<${randomUUID()}@${domainOf(mailbox.address)}>`,
    idempotencyKey,
    source: sender.kind === "apiKey" ? "api" : "portal",
    createdById: sender.kind === "person" ? sender.ctx.userId : null,
    apiKeyId: sender.kind === "apiKey" ? sender.apiKeyId : null,
    fromName: mailbox.displayName,
    to: mail.to,
    cc: mail.cc,
    bcc: mail.bcc,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    sizeBytes: mail.sizeBytes,
    recipientCount: mail.recipientCount,
    status: held ? ("held" as const) : ("queued" as const),
    lastError: held ? (paused ? "mailbox_paused" : `mailbox_${mailbox.state}`) : null,
    nextAttemptAt: mail.sendAt && mail.sendAt > now ? mail.sendAt : now,
  };
}
