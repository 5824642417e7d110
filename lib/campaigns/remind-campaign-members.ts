import { getDb } from "@/lib/db/client";
import { schoolLocale } from "@/lib/i18n/locales";
import { issueCampaignLinks } from "./issue-campaign-links";
import { memberReconnectedSql } from "./member-reconnected-sql";

const DAY_MS = 86_400_000;
// Members reminded per campaign and run: a run stays short, the next one goes on.
const BATCH = 200;

/**
 * A workers' chore: every open campaign that mails its links and has a
 * reminder interval mails a new link to each member not reconnected whose
 * last link is at least that many days old (the old one is revoked: its raw
 * token no longer exists). Each member is claimed first by a conditional
 * update of its last sending, so that two workers at the same moment never
 * both remind it; a closed campaign reminds nobody. Returns how many mails
 * were sent.
 */
export async function remindCampaignMembers({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const db = await getDb();
  const campaigns = await db.reconnectCampaign.findMany({
    where: { closedAt: null, channel: "mail", reminderDays: { not: null }, tenant: { suspendedAt: null } },
    select: {
      id: true,
      tenantId: true,
      channel: true,
      linkDays: true,
      reminderDays: true,
      createdById: true,
      createdByLabel: true,
      tenant: { select: { name: true, locale: true, timeZone: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  let sent = 0;
  for (const campaign of campaigns) {
    const dueBefore = new Date(now.getTime() - campaign.reminderDays! * DAY_MS);
    const due = await db.$queryRaw<{ mailboxId: string; lastSentAt: Date }[]>`
      SELECT m."mailboxId", m."lastSentAt"
      FROM "ReconnectCampaignMember" m
      JOIN "Mailbox" mb ON mb.id = m."mailboxId" AND mb."tenantId" = m."tenantId"
      WHERE m."tenantId" = ${campaign.tenantId}::uuid AND m."campaignId" = ${campaign.id}::uuid
        AND m."askedAt" IS NOT NULL AND m."lastSentAt" <= ${dueBefore}
        AND NOT ${memberReconnectedSql}
      ORDER BY mb.address
      LIMIT ${BATCH}`;
    const claimed: string[] = [];
    for (const member of due) {
      const { count } = await db.reconnectCampaignMember.updateMany({
        where: {
          tenantId: campaign.tenantId,
          campaignId: campaign.id,
          mailboxId: member.mailboxId,
          lastSentAt: member.lastSentAt,
          campaign: { closedAt: null },
        },
        data: { lastSentAt: now, lastRemindedAt: now, remindersSent: { increment: 1 } },
      });
      if (count === 1) claimed.push(member.mailboxId);
    }
    if (claimed.length === 0) continue;
    const { links } = await issueCampaignLinks(
      campaign,
      claimed,
      {
        userId: campaign.createdById,
        sender: {
          userEmail: campaign.createdByLabel,
          tenantName: campaign.tenant.name,
          tenantLocale: schoolLocale(campaign.tenant.locale),
          timeZone: campaign.tenant.timeZone,
        },
      },
      now,
      { reminder: true },
    );
    sent += links.filter((link) => link.mailed).length;
  }
  return sent;
}
