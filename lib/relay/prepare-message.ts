import { randomUUID } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser";
import { domainOf } from "@/lib/outbox/mail-address";
import { MAX_SUBJECT_LENGTH } from "@/lib/outbox/mail-limits";
import { mailboxHeader, rfc5322Date } from "@/lib/outbox/render-message";
import type { RelayFromPolicy } from "@/lib/db/generated/enums";
import { decodeEncodedWords, decodeHeaderValue, utf8Of } from "./decode-words";
import {
  fieldsNamed,
  fieldValue,
  findField,
  joinMessage,
  newField,
  normalizeLineEnds,
  splitMessage,
  type HeaderField,
} from "@/lib/outbox/message-head";

export type PreparedMessage = {
  raw: Buffer;
  messageId: string;
  /** Whether the device's own Message-ID was kept (a retry of the same message can then be recognised). */
  messageIdFromDevice: boolean;
  subject: string;
  fromName: string;
  to: string[];
  cc: string[];
  bcc: string[];
};

export type PrepareRefusal = { refused: "from_header_not_allowed" | "bad_message"; detail: string };

export type PrepareInput = {
  message: Buffer;
  /** The mailbox the mail goes from (the envelope sender, or the credential's fixed one). */
  mailbox: { address: string; displayName: string };
  fromPolicy: RelayFromPolicy;
  /** Envelope recipients, as accepted at RCPT TO. */
  recipients: string[];
  now?: Date;
};

const MESSAGE_ID = /^<[^<>\s@\x00-\x1f\x7f]+@[^<>\s@\x00-\x1f\x7f]+>$/;
// Fields a submission server sets itself or that must never reach the recipients; Sender would name
// someone the credential was not checked against.
const DROPPED = new Set(["bcc", "return-path", "sender"]);

/** Control characters (NUL above all, which PostgreSQL refuses in text) out of a value shown in the portal. */
const printable = (text: string) => text.replace(/[\x00-\x08\x0a-\x1f\x7f]+/g, " ");

/**
 * The addresses of a header field, parsed from the bytes that are sent (read
 * as UTF-8) before anything is decoded: an encoded word cannot hide an
 * address from the check that recipients' mail programs will see. Only the
 * display names are decoded afterwards.
 */
function addressesIn(fields: HeaderField[], lower: string): { name: string; address: string }[] {
  return fieldsNamed(fields, lower).flatMap((field) =>
    addressparser(utf8Of(fieldValue(field)), { flatten: true }).map((entry) => ({
      name: printable(decodeEncodedWords(entry.name)).trim(),
      address: entry.address,
    })),
  );
}

/**
 * Settles a relayed message before it is queued: line ends made CRLF; Bcc and
 * Return-Path fields dropped; a missing Date added; the device's Message-ID
 * kept when valid, else one added; the From: checked against the sending
 * mailbox (as_sent) or rewritten to it (fixed policies, the device's name kept
 * and, with fixed_reply_to, its address moved to Reply-To). Returns what the
 * outbox shows (subject, recipients split into To, Cc and the rest) with it.
 */
export function prepareMessage(input: PrepareInput): PreparedMessage | PrepareRefusal {
  const { mailbox, fromPolicy } = input;
  const now = input.now ?? new Date();
  const { fields: parsed, body } = splitMessage(normalizeLineEnds(input.message));
  const fromFields = fieldsNamed(parsed, "from");
  const deviceFrom = addressesIn(parsed, "from");
  let fields = parsed.filter((field) => !DROPPED.has(field.lower));

  if (fromPolicy === "as_sent") {
    // One From: field naming exactly one address, or none at all (then it is added).
    if (fromFields.length > 1 || (fromFields.length === 1 && deviceFrom.length !== 1)) {
      const named = deviceFrom.map((a) => a.address).join(", ");
      return { refused: "from_header_not_allowed", detail: printable(named).slice(0, 200) };
    }
    const from = deviceFrom[0];
    if (from && from.address.toLowerCase() !== mailbox.address) {
      return { refused: "from_header_not_allowed", detail: from.address };
    }
    if (fromFields.length === 0)
      fields.unshift(newField("From", mailboxHeader(mailbox.displayName, mailbox.address)));
  } else {
    const device = deviceFrom[0];
    const name = device?.name || mailbox.displayName;
    fields = fields.filter((field) => field.lower !== "from" && field.lower !== "sender");
    fields.unshift(newField("From", mailboxHeader(name, mailbox.address)));
    if (
      fromPolicy === "fixed_reply_to" &&
      device?.address &&
      device.address.toLowerCase() !== mailbox.address &&
      !findField(fields, "reply-to")
    ) {
      fields.push(newField("Reply-To", mailboxHeader(device.name, device.address)));
    }
  }

  if (!findField(fields, "date")) fields.push(newField("Date", rfc5322Date(now)));
  const idFields = fieldsNamed(fields, "message-id");
  const deviceId = idFields.length === 1 ? fieldValue(idFields[0]!) : "";
  const keepId = MESSAGE_ID.test(deviceId) && deviceId.length <= 250;
  const messageId = keepId ? deviceId : `<${randomUUID()}@${domainOf(mailbox.address)}>`;
  if (!keepId) {
    fields = fields.filter((field) => field.lower !== "message-id");
    fields.push(newField("Message-ID", messageId));
  }

  const recipients = input.recipients;
  const inList = (list: { address: string }[]) => {
    const wanted = new Set(list.map((a) => a.address.toLowerCase()));
    return recipients.filter((r) => wanted.has(r.toLowerCase()));
  };
  const to = inList(addressesIn(fields, "to"));
  const cc = inList(addressesIn(fields, "cc")).filter((r) => !to.includes(r));
  const bcc = recipients.filter((r) => !to.includes(r) && !cc.includes(r));
  const subjectField = findField(fields, "subject");
  const subject = subjectField
    ? printable(decodeHeaderValue(fieldValue(subjectField))).slice(0, MAX_SUBJECT_LENGTH)
    : "";
  const from = addressesIn(fields, "from")[0];
  return {
    raw: joinMessage(fields, body),
    messageId,
    messageIdFromDevice: keepId,
    subject,
    fromName: from?.name ?? mailbox.displayName,
    to,
    cc,
    bcc,
  };
}

/** Replaces the Message-ID of a prepared message (another sender's mail already has the device's). */
export function withNewMessageId(prepared: PreparedMessage, address: string): PreparedMessage {
  const messageId = `<${randomUUID()}@${domainOf(address)}>`;
  const { fields, body } = splitMessage(prepared.raw);
  const kept = fields.filter((field) => field.lower !== "message-id");
  kept.push(newField("Message-ID", messageId));
  return { ...prepared, raw: joinMessage(kept, body), messageId, messageIdFromDevice: false };
}
