import { randomUUID } from "node:crypto";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import type { MessageKey } from "@/lib/i18n/catalog";
import { getDb } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { isUuid } from "@/lib/ids/is-uuid";
import { checkMailDraft, type MailDraft } from "./mail-input";
import { providerFamily } from "./mail-limits";
import { insertMailRows } from "./insert-mail-rows";
import { keyMailbox, senderMailboxes, type SenderMailbox } from "./sender-mailboxes";
import { outgoingMailRow } from "./outgoing-mail-row";
import { tenantOf, type MailboxSelector, type MailSender } from "./mail-sender";

export type QueueMailInput = {
  mailbox: MailboxSelector;
  draft: MailDraft;
  idempotencyKey?: string | null;
};

export type QueuedMail = { id: string; status: OutgoingMailStatus; messageId: string; created: boolean };

const mailboxField = (selector: MailboxSelector) => ("address" in selector ? "from" : "mailboxId");

function invalid(fieldErrors: Record<string, MessageKey>): DomainError {
  return new DomainError("invalid_input", "errors.invalidInput", undefined, fieldErrors);
}

async function existingByKey(sender: MailSender, key: string): Promise<QueuedMail | null> {
  const db = await getDb();
  const mail = await db.outgoingMail.findFirst({
    where: { tenantId: tenantOf(sender), idempotencyKey: key },
    select: { id: true, status: true, messageId: true, apiKeyId: true, createdById: true },
  });
  if (!mail) return null;
  const same =
    sender.kind === "apiKey" ? mail.apiKeyId === sender.apiKeyId : mail.createdById === sender.ctx.userId;
  // Another sender's key: saying so would reveal its mail; refusing is enough.
  if (!same) throw new DomainError("conflict", "outbox.errors.idempotencyConflict");
  return { id: mail.id, status: mail.status, messageId: mail.messageId, created: false };
}

/**
 * Queues one mail from a mailbox the sender may use, with its attachments, in
 * one statement. The Message-ID is fixed now and kept through every retry.
 * A mailbox that cannot send right now (needs reconnect, paused…) gets its
 * mail `held`; a revoked one refuses it. The same idempotency key twice gives
 * back the first mail, never a second row.
 */
export async function queueMail(sender: MailSender, input: QueueMailInput): Promise<QueuedMail> {
  const key = input.idempotencyKey?.trim() || null;
  if (key) {
    const existing = await existingByKey(sender, key);
    if (existing) return existing;
  }
  const selector = input.mailbox;
  // Another tenant's mailbox, or one this sender may not use, is simply not found.
  if ("mailboxId" in selector && !isUuid(selector.mailboxId)) throw notFound();
  // Only a mail without attachments goes through the insert that checks the key and mailbox again.
  const first = await queueFrom(sender, input, key, input.draft.attachments.length === 0);
  // The mailbox was read a few seconds ago and the insert's checks refused it: read it again.
  return first ?? (await queueFrom(sender, input, key, false))!;
}

/**
 * Checks and writes the mail; null when the mailbox had been reused from an
 * earlier read and the insert's own checks refused it (to try again afresh).
 */
async function queueFrom(
  sender: MailSender,
  input: QueueMailInput,
  key: string | null,
  reuse: boolean,
): Promise<QueuedMail | null> {
  const selector = input.mailbox;
  const { mailbox, reused } = await usableMailbox(sender, selector, reuse);
  if (!mailbox) throw notFound();
  if (mailbox.state === "revoked")
    throw invalid({ [mailboxField(selector)]: "outbox.errors.mailboxRevoked" });
  const checked = checkMailDraft(input.draft, { family: providerFamily(mailbox.provider) });
  if (!checked.ok) throw invalid(checked.fieldErrors);
  const mail = checked.mail;
  const row = { id: randomUUID(), ...outgoingMailRow(sender, mailbox, mail, key, new Date()) };
  try {
    if (mail.attachments.length === 0) {
      const [created] = await insertMailRows([row], [mailbox.address]);
      if (created) return { ...created, created: true };
      // Refused by the insert's own checks: the mailbox or the key was revoked since it was read.
      if (reused) return null;
      throw notFound();
    }
    // With attachments, a nested write: the mail and its attachments in one transaction.
    const db = await getDb();
    const created = await db.outgoingMail.create({
      data: {
        ...row,
        attachments: {
          create: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: new Uint8Array(a.content),
            size: a.content.length,
          })),
        },
      },
      select: { id: true, status: true, messageId: true },
    });
    return { ...created, created: true };
  } catch (error) {
    // The same key sent twice at the same moment: the first one won.
    if (key && isUniqueViolation(error)) {
      const existing = await existingByKey(sender, key);
      if (existing) return existing;
    }
    throw error;
  }
}

/**
 * The mailbox the sender names, if it may send from it: for an API key, read
 * a few seconds ago or now (the API's hot path); for a person, now.
 */
async function usableMailbox(
  sender: MailSender,
  selector: MailboxSelector,
  reuse: boolean,
): Promise<{ mailbox: SenderMailbox | null; reused: boolean }> {
  if (sender.kind === "apiKey") return keyMailbox(sender, selector, reuse);
  const [mailbox] = await senderMailboxes(sender, [selector]);
  return { mailbox: mailbox ?? null, reused: false };
}
