import { getDb } from "@/lib/db/client";
import type { ConnectionState, OAuthProviderKind, SmtpSecurity } from "@/lib/db/generated/enums";
import type { ClaimedMail } from "./claim-due-mail";

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
  mailbox: {
    id: string;
    address: string;
    state: ConnectionState;
    pausedUntil: Date | null;
    accessTokenCipher: string | null;
    accessTokenExpiresAt: Date | null;
    lastRefreshAt: Date | null;
    connectedAt: Date | null;
  };
  config: {
    provider: OAuthProviderKind;
    smtpHost: string;
    smtpPort: number;
    smtpSecurity: SmtpSecurity;
    maxMessagesPerMinute: number | null;
    maxMessagesPerDay: number | null;
    maxRecipientsPerDay: number | null;
  };
};

/**
 * Claimed mails with what sending them needs (mailbox, its configuration and
 * its stored token) in one round trip for the whole
 * batch: the worker's hot path. Mails no longer there are left out.
 */
export async function loadClaimedMails(claimed: ClaimedMail[]): Promise<MailToSend[]> {
  if (claimed.length === 0) return [];
  const db = await getDb();
  const rows = await db.$queryRaw<MailToSend[]>`
    SELECT m.id, m."tenantId", m."mailboxId", m."messageId", m."fromName", m."to", m.cc, m.bcc, m.subject,
           m.text, m.html, m."recipientCount",
           EXISTS (SELECT 1 FROM "OutgoingAttachment" a WHERE a."mailId" = m.id) AS "hasAttachments",
           json_build_object('id', b.id, 'address', b.address, 'state', b.state,
                             'pausedUntil', b."pausedUntil", 'accessTokenCipher', b."accessTokenCipher",
                             'accessTokenExpiresAt', b."accessTokenExpiresAt", 'lastRefreshAt', b."lastRefreshAt",
                             'connectedAt', b."connectedAt") AS mailbox,
           json_build_object('provider', c.provider, 'smtpHost', c."smtpHost", 'smtpPort', c."smtpPort",
                             'smtpSecurity', c."smtpSecurity", 'maxMessagesPerMinute', c."maxMessagesPerMinute",
                             'maxMessagesPerDay', c."maxMessagesPerDay",
                             'maxRecipientsPerDay', c."maxRecipientsPerDay") AS config
      FROM "OutgoingMail" m
      JOIN "Mailbox" b ON b.id = m."mailboxId" AND b."tenantId" = m."tenantId"
      JOIN "ClientConfiguration" c ON c.id = b."clientConfigurationId" AND c."tenantId" = b."tenantId"
     WHERE m.id = ANY(${claimed.map((c) => c.id)}::uuid[])`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return claimed.flatMap((c) => {
    const row = byId.get(c.id);
    // The tenant is checked again here: the id alone never selects another tenant's row.
    return row && row.tenantId === c.tenantId ? [withDates(row)] : [];
  });
}

// json_build_object gives timestamps as text (UTC, no zone): back to Dates.
const utc = (value: unknown) => (value ? new Date(`${String(value)}Z`) : null);

function withDates(row: MailToSend): MailToSend {
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
