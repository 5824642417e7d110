import { randomUUID } from "node:crypto";
import { domainToASCII } from "node:url";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { encodeWord } from "nodemailer/lib/mime-funcs";
import { joinMessage, newField, splitMessage } from "./message-head";
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
export async function renderMessage(fields: MessageFields): Promise<Buffer> {
  const info = await composer.sendMail(fields as SendMailOptions);
  return info.message as Buffer;
}

/**
 * The message of a mail queued without attachments, as the queue keeps it
 * (docs/outbox.md, "What the queue holds"): built once, when the mail is
 * queued, whole but for `Bcc:` (its blind recipients are in the envelope).
 * Its `From:` and `Date:` are those of that moment; the worker writes them
 * again when it hands the message over (`withSenderAndDate`): the name the
 * insert read with the mailbox, and the moment it is sent. (A worker of an
 * earlier version, which sends a kept message as it is, still sends a whole
 * message.) nodemailer's message, written without its streams
 * (message-without-streams.ts).
 */
export function renderQueuedMessage(fields: Omit<MessageFields, "bcc" | "attachments">): Buffer {
  // The multipart boundary's random part from the process's UUID pool (nodemailer draws bytes for each part).
  const baseBoundary = randomUUID().replaceAll("-", "");
  return messageWithoutStreams({ ...fields, bcc: [], attachments: [], baseBoundary });
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

/** A queued message (`renderQueuedMessage`) as it is sent: `From:` its mailbox with the name it was queued with, `Date:` now. */
export function withSenderAndDate(
  message: Buffer,
  from: { name: string; address: string },
  at: Date,
): Buffer {
  const { fields, body } = splitMessage(message);
  const others = fields.filter((field) => field.lower !== "from" && field.lower !== "date");
  const sender = newField("From", mailboxHeader(from.name, from.address));
  return joinMessage([sender, newField("Date", rfc5322Date(at)), ...others], body);
}
