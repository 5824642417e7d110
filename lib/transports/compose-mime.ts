import nodemailer, { type SendMailOptions } from "nodemailer";

export type ComposedFields = {
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
 * The MIME message the SMTP path would send, built once with the same
 * library and the same Message-ID, for the HTTP APIs that take a whole
 * message. The `Bcc:` header is kept: Graph and the Gmail API read the
 * recipients from the headers, and remove it themselves.
 */
export async function composeMime(fields: ComposedFields): Promise<Buffer> {
  // The stream transport keeps the Bcc: header (nodemailer's keepBcc for it).
  const info = await composer.sendMail(fields as SendMailOptions);
  return info.message as Buffer;
}

/**
 * A relayed message (its `Bcc:` dropped at the relay, the recipients in the
 * envelope) with the envelope's blind recipients written back as a `Bcc:`
 * header, for the APIs that take recipients from the headers only.
 */
export function withBccHeader(raw: Buffer, bcc: readonly string[]): Buffer {
  if (bcc.length === 0) return raw;
  return Buffer.concat([Buffer.from(`Bcc: ${bcc.join(", ")}\r\n`, "utf8"), raw]);
}
