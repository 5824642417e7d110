import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";

/**
 * A mail as the SMTP relay leaves it (source "relay", its credential and
 * the client's address, the message kept whole in `raw`), written directly:
 * the relay server itself is not needed to show or filter relayed mail.
 */
export async function seedRelayedMail(
  tenantId: string,
  mailboxId: string,
  credentialId: string | null,
  overrides: {
    subject?: string;
    to?: string;
    clientIp?: string;
    status?: OutgoingMailStatus;
    createdAt?: Date;
    source?: string;
  } = {},
) {
  const db = await getDb();
  const subject = overrides.subject ?? `Scan ${randomUUID().slice(0, 8)}`;
  const to = overrides.to ?? "parent@example.org";
  const raw = Buffer.from(`From: copier@school.test\r\nTo: ${to}\r\nSubject: ${subject}\r\n\r\nScanned.\r\n`);
  return db.outgoingMail.create({
    data: {
      tenantId,
      mailboxId,
      messageId: `<${randomUUID()}@school.test>`,
      source: overrides.source ?? (credentialId ? "relay" : "portal"),
      relayCredentialId: credentialId,
      clientIp: credentialId ? (overrides.clientIp ?? "192.168.10.21") : null,
      raw: credentialId ? raw : null,
      to: [to],
      subject,
      text: credentialId ? null : "Hello",
      sizeBytes: raw.length,
      recipientCount: 1,
      status: overrides.status ?? "queued",
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    },
    select: { id: true, subject: true },
  });
}

/** One event of a relay session, as the relay records it. */
export async function seedRelayEvent(
  tenantId: string,
  credentialId: string,
  event:
    | {
        kind: "session";
        clientIp?: string;
        messages: number;
        refusals: number;
        startedAt: Date;
        createdAt?: Date;
      }
    | { kind: "refusal"; clientIp?: string; code: number; reason: string; detail?: string; createdAt?: Date },
) {
  const db = await getDb();
  return db.relayEvent.create({
    data: {
      tenantId,
      credentialId,
      clientIp: event.clientIp ?? "192.168.10.21",
      ...event,
    },
  });
}
