import nodemailer, { type SendMailOptions } from "nodemailer";

/** What a message is built from: the mail's fields, its mailbox's address as `From:`. */
export type MessageFields = {
  from: { name: string; address: string };
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text?: string;
  html?: string;
  messageId: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

// Builds messages in memory; nothing is sent.
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });

/**
 * The MIME message (CRLF line ends) nodemailer builds from the fields. The
 * stream transport keeps a `Bcc:` header when there are blind recipients
 * (nodemailer's keepBcc for it): pass none where the message must not name them.
 */
export async function renderMessage(fields: MessageFields): Promise<Buffer> {
  const info = await composer.sendMail(fields as SendMailOptions);
  return info.message as Buffer;
}

/** The end of the header block: the empty line after the last field (or the whole message). */
function headerEnd(message: Buffer): number {
  const at = message.indexOf("\r\n\r\n");
  return at === -1 ? message.length : at + 2;
}

/**
 * The message of a mail queued without attachments, as the queue keeps it
 * (docs/outbox.md, "What the queue holds"): built once, when the mail is
 * queued, with no `Bcc:` (its blind recipients are in the envelope) and no
 * `Date:`, which the worker writes when it hands the message over
 * (`withSendDate`), as a message built then would carry.
 */
export async function renderQueuedMessage(
  fields: Omit<MessageFields, "bcc" | "attachments">,
): Promise<Buffer> {
  const message = await renderMessage({ ...fields, bcc: [], attachments: [] });
  const end = headerEnd(message);
  // nodemailer writes one unfolded Date: field in the head, never first.
  const at = message.indexOf("\r\nDate: ");
  if (at === -1 || at >= end) return message;
  const lineEnd = message.indexOf("\r\n", at + 2);
  return Buffer.concat([message.subarray(0, at), message.subarray(lineEnd)]);
}

/** RFC 5322's date-time, in UTC. */
export function rfc5322Date(at: Date): string {
  return at.toUTCString().replace("GMT", "+0000");
}

/** A queued message (`renderQueuedMessage`) with its `Date:` field: the moment it is sent. */
export function withSendDate(message: Buffer, at: Date): Buffer {
  return Buffer.concat([Buffer.from(`Date: ${rfc5322Date(at)}\r\n`, "latin1"), message]);
}
