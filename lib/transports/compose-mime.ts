import { newField } from "@/lib/outbox/message-head";
import { renderMessage, type MessageFields } from "@/lib/outbox/render-message";

/**
 * The MIME message the SMTP path would send, built with the same library and
 * the same Message-ID, for the HTTP APIs that take a whole message. The
 * `Bcc:` header is kept: Graph and the Gmail API read the recipients from the
 * headers, and remove it themselves.
 */
export function composeMime(fields: MessageFields): Promise<Buffer> {
  return renderMessage(fields);
}

/**
 * A message kept whole in the queue (relayed, or built when queued: its
 * `Bcc:` never written, the recipients in the envelope) with the blind
 * recipients written back as a `Bcc:` header, for the APIs that take
 * recipients from the headers only.
 */
export function withBccHeader(raw: Buffer, bcc: readonly string[]): Buffer {
  if (bcc.length === 0) return raw;
  // Folded: up to 500 addresses would pass the 998 characters a line may hold.
  return Buffer.concat([Buffer.from(`${newField("Bcc", bcc.join(", ")).raw}\r\n`, "latin1"), raw]);
}
