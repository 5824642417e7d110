import { randomUUID } from "node:crypto";
import { domainToASCII } from "node:url";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { encodeWord } from "nodemailer/lib/mime-funcs";
import { messageWithoutStreams } from "./message-without-streams";

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
export async function renderMessage(
  fields: Omit<MessageFields, "from"> & Partial<Pick<MessageFields, "from">>,
): Promise<Buffer> {
  const info = await composer.sendMail(fields as SendMailOptions);
  return info.message as Buffer;
}

/** Where the header block ends: the empty line after the last field (or the whole message). */
function headerEnd(message: Buffer): number {
  const at = message.indexOf("\r\n\r\n");
  return at === -1 ? message.length : at + 2;
}

/**
 * The message of a mail queued without attachments, as the queue keeps it
 * (docs/outbox.md, "What the queue holds"): built once, when the mail is
 * queued, with no `Bcc:` (its blind recipients are in the envelope), and no
 * `From:` or `Date:`, which the worker writes when it hands the message over
 * (`withSenderAndDate`): the name the mail was queued with (the insert reads
 * it) and the moment it is sent, as a message built then would carry.
 * nodemailer's message, written without its streams (message-without-streams.ts).
 */
export function renderQueuedMessage(fields: Omit<MessageFields, "from" | "bcc" | "attachments">): Buffer {
  // The multipart boundary's random part from the process's UUID pool (nodemailer draws bytes for each part).
  const baseBoundary = randomUUID().replaceAll("-", "");
  const message = messageWithoutStreams({ ...fields, bcc: [], attachments: [], baseBoundary });
  // nodemailer writes one unfolded Date: field in the head (after Message-ID, which is always there).
  const field =
    message.subarray(0, 6).toString("latin1") === "Date: " ? 0 : message.indexOf("\r\nDate: ") + 2;
  if (field === 1 || field >= headerEnd(message)) return message;
  const next = message.indexOf("\r\n", field) + 2;
  return Buffer.concat([message.subarray(0, field), message.subarray(next)]);
}

/** RFC 5322's date-time, in UTC. */
export function rfc5322Date(at: Date): string {
  return at.toUTCString().replace("GMT", "+0000");
}

/** The address with its domain in ASCII (IDNA), as a header and the envelope want it. */
function asciiAddress(address: string): string {
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1);
  if (at === -1 || /^[\x20-\x7e]*$/.test(domain)) return address;
  return `${address.slice(0, at)}@${domainToASCII(domain) || domain}`;
}

/**
 * A mailbox as a header writes it: `"Name" <address>`, the name quoted, or
 * encoded whole (RFC 2047) when it is not plain ASCII, so that nothing in it
 * (a comma) is read as the header's syntax.
 */
export function mailboxHeader(name: string, address: string): string {
  const clean = name.replace(/[\r\n]+/g, " ").trim();
  const bracketed = `<${asciiAddress(address)}>`;
  if (!clean) return bracketed;
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/(["\\])/g, "\\$1")}" ${bracketed}`;
  return `${encodeWord(clean, "B", 52)} ${bracketed}`;
}

/** A queued message (`renderQueuedMessage`) as it is sent: `From:` its mailbox, `Date:` now. */
export function withSenderAndDate(
  message: Buffer,
  from: { name: string; address: string },
  at: Date,
): Buffer {
  const head = `From: ${mailboxHeader(from.name, from.address)}\r\nDate: ${rfc5322Date(at)}\r\n`;
  return Buffer.concat([Buffer.from(head, "utf8"), message]);
}
