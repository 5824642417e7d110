import { hasLineBreak, normalizeRecipient } from "./mail-address";
import {
  MAX_ATTACHMENTS,
  MAX_SUBJECT_LENGTH,
  maxAttachmentBytes,
  maxMessageBytes,
  maxRecipientsPerMessage,
  type ProviderFamily,
} from "./mail-limits";

export type AttachmentInput = { filename: string; contentType: string; content: Buffer };

/** What a person or a program asks to send, before any check. */
export type MailDraft = {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text?: string | null;
  html?: string | null;
  attachments: AttachmentInput[];
  sendAt?: Date | null;
};

export type CheckedMail = {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  attachments: AttachmentInput[];
  sendAt: Date | null;
  sizeBytes: number;
  recipientCount: number;
};

export type MailInputError =
  | "outbox.errors.headerInjection"
  | "outbox.errors.invalidAddress"
  | "outbox.errors.noRecipient"
  | "outbox.errors.tooManyRecipients"
  | "outbox.errors.subjectTooLong"
  | "outbox.errors.noBody"
  | "outbox.errors.attachmentTooLarge"
  | "outbox.errors.attachmentName"
  | "outbox.errors.tooManyAttachments"
  | "outbox.errors.messageTooLarge"
  | "outbox.errors.sendAtInvalid";

export type MailField = "to" | "cc" | "bcc" | "subject" | "body" | "attachments" | "sendAt";

export type MailCheck =
  { ok: true; mail: CheckedMail } | { ok: false; fieldErrors: Partial<Record<MailField, MailInputError>> };

export type MailCheckLimits = {
  family: ProviderFamily;
  maxMessageBytes?: number;
  maxAttachmentBytes?: number;
};

function checkList(raw: string[]): { addresses: string[] } | { error: MailInputError } {
  const addresses: string[] = [];
  for (const item of raw) {
    if (hasLineBreak(item)) return { error: "outbox.errors.headerInjection" };
    const address = normalizeRecipient(item);
    if (!address) return { error: "outbox.errors.invalidAddress" };
    addresses.push(address);
  }
  return { addresses };
}

function checkAttachment(attachment: AttachmentInput, maxBytes: number): MailInputError | null {
  if (hasLineBreak(attachment.filename) || hasLineBreak(attachment.contentType)) {
    return "outbox.errors.headerInjection";
  }
  const name = attachment.filename.trim();
  if (name.length === 0 || name.length > 255 || /[\x00-\x1f\x7f/\\]/.test(name))
    return "outbox.errors.attachmentName";
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(attachment.contentType)) return "outbox.errors.attachmentName";
  if (attachment.content.length > maxBytes) return "outbox.errors.attachmentTooLarge";
  return null;
}

const utf8 = (value: string | null | undefined) => Buffer.byteLength(value ?? "", "utf8");

/**
 * Checks a draft against the rules every mail obeys before it is queued:
 * plain addresses, no line break in anything that becomes a header, sizes,
 * the provider's recipients per message, a subject and a body. Pure: the
 * same answer for the portal, the API and the tests.
 */
export function checkMailDraft(draft: MailDraft, limits: MailCheckLimits, now = new Date()): MailCheck {
  const fieldErrors: Partial<Record<MailField, MailInputError>> = {};
  const lists = { to: checkList(draft.to), cc: checkList(draft.cc), bcc: checkList(draft.bcc) };
  for (const field of ["to", "cc", "bcc"] as const) {
    const list = lists[field];
    if ("error" in list) fieldErrors[field] = list.error;
  }
  const recipients = [lists.to, lists.cc, lists.bcc].flatMap((list) =>
    "addresses" in list ? list.addresses : [],
  );
  const recipientCount = new Set(recipients.map((a) => a.toLowerCase())).size;
  if (!fieldErrors.to && !fieldErrors.cc && !fieldErrors.bcc) {
    if (recipientCount === 0) fieldErrors.to = "outbox.errors.noRecipient";
    else if (recipientCount > maxRecipientsPerMessage(limits.family))
      fieldErrors.to = "outbox.errors.tooManyRecipients";
  }
  if (hasLineBreak(draft.subject)) fieldErrors.subject = "outbox.errors.headerInjection";
  else if (draft.subject.length > MAX_SUBJECT_LENGTH) fieldErrors.subject = "outbox.errors.subjectTooLong";
  const text = draft.text && draft.text.length > 0 ? draft.text : null;
  const html = draft.html && draft.html.trim().length > 0 ? draft.html : null;
  if (!text && !html) fieldErrors.body = "outbox.errors.noBody";
  const perAttachment = limits.maxAttachmentBytes ?? maxAttachmentBytes();
  if (draft.attachments.length > MAX_ATTACHMENTS)
    fieldErrors.attachments = "outbox.errors.tooManyAttachments";
  for (const attachment of draft.attachments) {
    const error = checkAttachment(attachment, perAttachment);
    if (error) fieldErrors.attachments ??= error;
  }
  const sizeBytes =
    utf8(draft.subject) +
    utf8(text) +
    utf8(html) +
    utf8(recipients.join(",")) +
    draft.attachments.reduce((sum, a) => sum + a.content.length + utf8(a.filename), 0);
  if (!fieldErrors.attachments && sizeBytes > (limits.maxMessageBytes ?? maxMessageBytes())) {
    fieldErrors.attachments = "outbox.errors.messageTooLarge";
  }
  const sendAt = draft.sendAt ?? null;
  if (sendAt && (Number.isNaN(sendAt.getTime()) || sendAt.getTime() > now.getTime() + 366 * 86_400_000)) {
    fieldErrors.sendAt = "outbox.errors.sendAtInvalid";
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const addressesOf = (list: (typeof lists)["to"]) => ("addresses" in list ? list.addresses : []);
  return {
    ok: true,
    mail: {
      to: addressesOf(lists.to),
      cc: addressesOf(lists.cc),
      bcc: addressesOf(lists.bcc),
      subject: draft.subject,
      text,
      html,
      attachments: draft.attachments.map((a) => ({ ...a, filename: a.filename.trim() })),
      sendAt,
      sizeBytes,
      recipientCount,
    },
  };
}
