import { randomUUID } from "node:crypto";
import type { PreparedMessage } from "./prepare-message";
import type { SessionCredential } from "./relay-credential-session";
import { RELAY_NOW, type RelaySql } from "./relay-sql";
import {
  queueRelayedMail,
  recipientCount,
  whyRefused,
  type QueuedRelayMail,
  type RelayQueueRefusal,
} from "./queue-relayed-mail";

type Pending = {
  credential: SessionCredential;
  mailbox: { id: string; address: string };
  message: PreparedMessage;
  clientIp: string;
  id: string;
  resolve: (result: QueuedRelayMail | RelayQueueRefusal) => void;
  reject: (error: unknown) => void;
};

/** Messages queued in one statement at most. */
export const MAX_GROUP = 64;

// The single-message statement of queue-relayed-mail.ts, over arrays: each row keeps every check
// of its own (credential not revoked and holding the mailbox, mailbox not revoked, hold or queue).
// Credentials with a daily cap never come here: rows of one statement do not see each other.
const INSERT_GROUP = `
  INSERT INTO "OutgoingMail" (id, "tenantId", "mailboxId", "messageId", source, "relayCredentialId", "clientIp",
                              "fromName", "to", cc, bcc, subject, "sizeBytes", "recipientCount", status,
                              "lastError", "nextAttemptAt", raw, "createdAt", "updatedAt")
  SELECT r.id, b."tenantId", b.id, r."messageId", 'relay', c.id, r."clientIp", r."fromName",
         ARRAY(SELECT jsonb_array_elements_text(r.recipients::jsonb -> 0)),
         ARRAY(SELECT jsonb_array_elements_text(r.recipients::jsonb -> 1)),
         ARRAY(SELECT jsonb_array_elements_text(r.recipients::jsonb -> 2)),
         r.subject, r.size, r.count,
         (CASE WHEN b.state = 'connected' AND (b."pausedUntil" IS NULL OR b."pausedUntil" <= ${RELAY_NOW})
               THEN 'queued' ELSE 'held' END)::"OutgoingMailStatus",
         CASE WHEN b.state <> 'connected' THEN 'mailbox_' || b.state::text
              WHEN b."pausedUntil" > ${RELAY_NOW} THEN 'mailbox_paused' END,
         ${RELAY_NOW}, r.raw, ${RELAY_NOW}, ${RELAY_NOW}
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[],
                $9::bytea[], $10::uuid[], $11::uuid[], $12::uuid[])
         AS r(id, "messageId", "clientIp", "fromName", recipients, subject, size, count, raw,
              "credentialId", "tenantId", "mailboxId")
    JOIN "RelayCredential" c ON c.id = r."credentialId" AND c."tenantId" = r."tenantId"
                            AND c."revokedAt" IS NULL AND c."dailyCap" IS NULL
    JOIN "RelayCredentialMailbox" cm ON cm."tenantId" = c."tenantId" AND cm."credentialId" = c.id
                                    AND cm."mailboxId" = r."mailboxId"
    JOIN "Mailbox" b ON b."tenantId" = cm."tenantId" AND b.id = cm."mailboxId" AND b.state <> 'revoked'
    JOIN "Tenant" t ON t.id = c."tenantId" AND t."suspendedAt" IS NULL
  RETURNING id::text AS id, status::text AS status`;

/**
 * Queues relayed messages with group commit: while one statement runs, the
 * messages that arrive meanwhile wait and then go together in the next one,
 * one commit for all of them. Each message is still answered only after the
 * statement that wrote it committed; a lone message goes at once, so nothing
 * waits for company. A group whose statement fails for any reason is
 * retried one message at a time (queue-relayed-mail.ts knows what to do with a
 * duplicate Message-ID or a refused value).
 */
export class RelayQueue {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(private readonly sql: RelaySql) {}

  queue(
    credential: SessionCredential,
    mailbox: { id: string; address: string },
    message: PreparedMessage,
    clientIp: string,
  ): Promise<QueuedRelayMail | RelayQueueRefusal> {
    if (!this.sql.groupsInserts || credential.dailyCap !== null) {
      return queueRelayedMail(this.sql, credential, mailbox, message, clientIp);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ credential, mailbox, message, clientIp, id: randomUUID(), resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, MAX_GROUP);
        if (group.length === 1) await this.one(group[0]!);
        else await this.many(group);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async one(item: Pending): Promise<void> {
    try {
      item.resolve(
        await queueRelayedMail(this.sql, item.credential, item.mailbox, item.message, item.clientIp),
      );
    } catch (error) {
      item.reject(error);
    }
  }

  private async many(group: Pending[]): Promise<void> {
    let rows: { id: string; status: "queued" | "held" }[];
    try {
      rows = await this.sql.query("queue_group", INSERT_GROUP, [
        group.map((p) => p.id),
        group.map((p) => p.message.messageId),
        group.map((p) => p.clientIp),
        group.map((p) => p.message.fromName),
        group.map((p) => JSON.stringify([p.message.to, p.message.cc, p.message.bcc])),
        group.map((p) => p.message.subject),
        group.map((p) => p.message.raw.length),
        group.map((p) => recipientCount(p.message)),
        group.map((p) => p.message.raw),
        group.map((p) => p.credential.id),
        group.map((p) => p.credential.tenantId),
        group.map((p) => p.mailbox.id),
      ]);
    } catch {
      // A duplicate Message-ID, a value PostgreSQL refuses, a lost connection: one message at a time then,
      // so that one message's fault is its own answer and not the whole group's.
      for (const item of group) await this.one(item);
      return;
    }
    const written = new Map(rows.map((row) => [row.id, row.status]));
    for (const item of group) {
      const status = written.get(item.id);
      if (status) {
        item.resolve({ id: item.id, status, duplicate: false });
        continue;
      }
      try {
        item.resolve(await whyRefused(this.sql, item.credential, item.mailbox.id));
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
