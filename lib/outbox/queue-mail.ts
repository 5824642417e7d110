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
import { keyMailboxes, type KeyMailbox } from "./key-mailboxes";
import { outgoingMailRow, queueingMailboxSelect } from "./outgoing-mail-row";
import { tenantOf, usableMailboxWhere, type MailboxSelector, type MailSender } from "./mail-sender";

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
  const mailbox = await usableMailbox(sender, selector);
  if (!mailbox) throw notFound();
  if (mailbox.state === "revoked")
    throw invalid({ [mailboxField(selector)]: "outbox.errors.mailboxRevoked" });
  const checked = checkMailDraft(input.draft, { family: providerFamily(mailbox.provider) });
  if (!checked.ok) throw invalid(checked.fieldErrors);
  const mail = checked.mail;
  const row = { id: randomUUID(), ...outgoingMailRow(sender, mailbox, mail, key, new Date()) };
  try {
    if (mail.attachments.length === 0) {
      const [created] = await insertMailRows([row]);
      return { ...created!, created: true };
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
 * The mailbox the sender names, if it may send from it: for an API key, one
 * named statement (the API's hot path); for a person, the mailbox scope.
 */
async function usableMailbox(sender: MailSender, selector: MailboxSelector): Promise<KeyMailbox | null> {
  const named =
    "address" in selector ? { address: selector.address.trim().toLowerCase() } : { id: selector.mailboxId };
  if (sender.kind === "apiKey") {
    const [mailbox] = await keyMailboxes(
      sender,
      "address" in selector ? [selector.address.trim().toLowerCase()] : [],
      "mailboxId" in selector ? [selector.mailboxId] : [],
    );
    return mailbox ?? null;
  }
  const db = await getDb();
  const mailbox = await db.mailbox.findFirst({
    where: { ...usableMailboxWhere(sender), ...named },
    select: queueingMailboxSelect,
  });
  if (!mailbox) return null;
  const { clientConfiguration, ...rest } = mailbox;
  return { ...rest, provider: clientConfiguration.provider };
}
