import type {
  ConnectionState,
  MailTransport,
  OAuthProviderKind,
  SmtpSecurity,
} from "@/lib/db/generated/enums";
import { NAMED_SQL_NOW, type NamedSql } from "@/lib/db/named-sql";

/**
 * `lastError` of a mail back in the queue until one of its mailbox's request
 * slots (Graph: 4) frees up; written as a literal in the statements that read
 * it, as in the partial index `OutgoingMail_api_slot_wait_idx` they use.
 */
export const API_SLOT_WAIT = "api_concurrency";

/** A mailbox whose sends just ended in this worker, freeing `count` of its request slots. */
export type SlotPull = { mailboxId: string; count: number };

export type PickedMail = MailToSend & {
  attempts: number;
  /** Put back to wait for one of its mailbox's request slots (API_SLOT_WAIT): its turn comes first. */
  waitingForSlot: boolean;
};

export type MailToSend = {
  id: string;
  tenantId: string;
  mailboxId: string;
  messageId: string;
  fromName: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  recipientCount: number;
  /** Attachments are read when the mail is sent, not with the batch: a batch of big mails would not fit in memory. */
  hasAttachments: boolean;
  /**
   * The message is kept whole: relayed (sent as it was accepted), or built
   * when it was queued (sent with From: and Date: written again at sending). `raw` holds it
   * when small; a bigger one is read when sent, like attachments.
   */
  isRaw: boolean;
  raw: Buffer | null;
  relayed: boolean;
  mailbox: {
    id: string;
    address: string;
    state: ConnectionState;
    pausedUntil: Date | null;
    accessTokenCipher: string | null;
    accessTokenExpiresAt: Date | null;
    lastRefreshAt: Date | null;
    connectedAt: Date | null;
    /** The transport it sends through: its own, else its configuration's. */
    transport: MailTransport;
    /** A shared mailbox's delegate, whose grant sends as `address`. */
    delegateAccount: string | null;
  };
  config: {
    provider: OAuthProviderKind;
    apiBaseUrl: string | null;
    smtpHost: string;
    smtpPort: number;
    smtpSecurity: SmtpSecurity;
    maxMessagesPerMinute: number | null;
    maxMessagesPerDay: number | null;
    maxRecipientsPerDay: number | null;
  };
};

/**
 * Locks up to `limit` due mails for this transaction and loads what sending
 * them needs (mailbox, its configuration, its stored token) in one statement:
 * mail whose lease expired first (its worker died; the Message-ID stays, so a
 * retry is the same message), then queued mail whose time has come, oldest
 * first. SKIP LOCKED lets any number of workers pick at once without waiting
 * on or taking each other's rows. Each part reads its own index range (the
 * partial index on `leaseExpiresAt` of mails being sent, `[status,
 * nextAttemptAt]`) and stops at `limit`, so a pick costs the same with ten
 * mails queued or a hundred thousand. The rows stay locked until the
 * transaction ends: the claim (claim-due-mail.ts) leases them in it.
 *
 * `pull` adds, for each mailbox named, up to `count` of its mails waiting for
 * one of its request slots (`API_SLOT_WAIT`), in the order they were put
 * back: a mailbox with a concurrency limit (Graph) whose send just ended
 * takes its next mail at once, rather than when the mail comes due again.
 * Each reads the partial index of waiting mail `[mailboxId, nextAttemptAt]`
 * and stops at `count`.
 */
export async function pickDueMail(
  sql: NamedSql,
  limit: number,
  pull: SlotPull[] = [],
): Promise<PickedMail[]> {
  const rows =
    pull.length === 0
      ? await sql.query<PickedMail>("pick_due_mail", PICK, [limit])
      : await sql.query<PickedMail>("pick_due_mail_pull", PICK_PULL, [
          limit,
          pull.map((p) => p.mailboxId),
          pull.map((p) => p.count),
        ]);
  return rows.map(withDates);
}

/** A kept message up to this size comes with the pick; a bigger one is read when sent (a batch must fit in memory). */
const INLINE_MESSAGE_BYTES = 256 * 1024;

/** The mails waiting for a slot of the mailboxes pulled ($2, with how many each: $3). */
const PULLED = `
    UNION
    SELECT x.id
      FROM unnest($2::uuid[], $3::int[]) AS p("mailboxId", count)
     CROSS JOIN LATERAL (
       SELECT id FROM "OutgoingMail"
        WHERE "mailboxId" = p."mailboxId" AND status = 'queued' AND "lastError" = 'api_concurrency'
        ORDER BY "nextAttemptAt"
        LIMIT p.count
          FOR UPDATE SKIP LOCKED) AS x`;

/** The pick, with or without the pulled mails; $1 is the limit. */
const pickText = (pulled: string) => `
    WITH expired AS (
      SELECT id FROM "OutgoingMail"
       WHERE status = 'sending' AND "leaseExpiresAt" < ${NAMED_SQL_NOW}
       LIMIT $1::int
         FOR UPDATE SKIP LOCKED),
    due AS (
      SELECT id FROM "OutgoingMail"
       WHERE status = 'queued' AND "nextAttemptAt" <= ${NAMED_SQL_NOW}
       ORDER BY "nextAttemptAt"
       LIMIT $1::int
         FOR UPDATE SKIP LOCKED),
    picked AS (
      (SELECT id FROM (SELECT id FROM expired UNION ALL SELECT id FROM due) AS ids LIMIT $1::int)${pulled})
    SELECT m.id::text AS id, m."tenantId"::text AS "tenantId", m."mailboxId"::text AS "mailboxId",
           m."messageId", m."fromName", m."to", m.cc, m.bcc, m.subject,
           -- The fields a message is built from, when it was not built before (with attachments).
           CASE WHEN m.raw IS NULL THEN m.text END AS text, CASE WHEN m.raw IS NULL THEN m.html END AS html,
           m."recipientCount", m.attempts,
           EXISTS (SELECT 1 FROM "OutgoingAttachment" a WHERE a."mailId" = m.id) AS "hasAttachments",
           m.raw IS NOT NULL AS "isRaw", m.source = 'relay' AS relayed,
           -- octet_length reads a stored value's size without reading the value.
           CASE WHEN octet_length(m.raw) <= ${INLINE_MESSAGE_BYTES} THEN m.raw END AS raw,
           (m.status = 'queued' AND m."lastError" = 'api_concurrency') AS "waitingForSlot",
           json_build_object('id', b.id, 'address', b.address, 'state', b.state,
                             'pausedUntil', b."pausedUntil", 'accessTokenCipher', b."accessTokenCipher",
                             'accessTokenExpiresAt', b."accessTokenExpiresAt", 'lastRefreshAt', b."lastRefreshAt",
                             'connectedAt', b."connectedAt", 'transport', COALESCE(b.transport, c.transport),
                             'delegateAccount', b."delegateAccount") AS mailbox,
           json_build_object('provider', c.provider, 'apiBaseUrl', c."apiBaseUrl",
                             'smtpHost', c."smtpHost", 'smtpPort', c."smtpPort",
                             'smtpSecurity', c."smtpSecurity", 'maxMessagesPerMinute', c."maxMessagesPerMinute",
                             'maxMessagesPerDay', c."maxMessagesPerDay",
                             'maxRecipientsPerDay', c."maxRecipientsPerDay") AS config
      FROM picked
      JOIN "OutgoingMail" m ON m.id = picked.id
      -- By primary key: the composite keys (tenantId, id) guarantee that a mail's mailbox and the mailbox's
      -- configuration are the mail's school's (docs/tenant-scoping.md).
      JOIN "Mailbox" b ON b.id = m."mailboxId"
      JOIN "ClientConfiguration" c ON c.id = b."clientConfigurationId"
     -- A mailbox's mails waiting for a slot first, then in queue order: the order slots are given in.
     ORDER BY "waitingForSlot" DESC, m."nextAttemptAt"`;

const PICK = pickText("");
const PICK_PULL = pickText(PULLED);

// json_build_object gives timestamps as text (UTC, no zone): back to Dates.
const utc = (value: unknown) => (value ? new Date(`${String(value)}Z`) : null);

function withDates<T extends MailToSend>(row: T): T {
  const mailbox = row.mailbox;
  return {
    ...row,
    mailbox: {
      ...mailbox,
      pausedUntil: utc(mailbox.pausedUntil),
      accessTokenExpiresAt: utc(mailbox.accessTokenExpiresAt),
      lastRefreshAt: utc(mailbox.lastRefreshAt),
      connectedAt: utc(mailbox.connectedAt),
    },
  };
}
