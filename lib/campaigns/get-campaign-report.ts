import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { ReconnectCampaignChannel } from "@/lib/db/generated/enums";
import { isUuid } from "@/lib/ids/is-uuid";
import type { CampaignFilter } from "./campaign-schemas";
import {
  campaignMemberStatus,
  campaignStatuses,
  reconnectedSince,
  type CampaignStatus,
} from "./campaign-status";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** One member as the report shows it; dates as ISO strings (the page polls this as JSON). */
export interface CampaignReportMember {
  mailboxId: string;
  address: string;
  /** Who the link is for: the mailbox, or a shared mailbox's delegate. */
  owner: string;
  status: CampaignStatus;
  askedAt: string | null;
  openedAt: string | null;
  reconnectedAt: string | null;
  linkExpiresAt: string | null;
  remindersSent: number;
}

export interface CampaignReport {
  id: string;
  name: string;
  filter: CampaignFilter & { configName?: string; memberEmail?: string };
  channel: ReconnectCampaignChannel;
  linkDays: number;
  reminderDays: number | null;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  counts: Record<CampaignStatus, number> & { total: number };
  members: CampaignReportMember[];
  generatedAt: string;
}

/**
 * A campaign and where each of its members stands, computed now: a
 * mailbox that connected since it joined counts as reconnected, whichever
 * way it was connected.
 */
export async function getCampaignReport(ctx: TenantContext, campaignId: string): Promise<CampaignReport> {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(campaignId)) throw notFound();
  const db = await getDb();
  const campaign = await db.reconnectCampaign.findFirst({
    where: { id: campaignId, tenantId: ctx.tenantId },
    select: {
      id: true,
      name: true,
      filter: true,
      channel: true,
      linkDays: true,
      reminderDays: true,
      createdByLabel: true,
      createdAt: true,
      closedAt: true,
    },
  });
  if (!campaign) throw notFound();
  const rows = await db.reconnectCampaignMember.findMany({
    where: { tenantId: ctx.tenantId, campaignId: campaign.id },
    select: {
      mailboxId: true,
      createdAt: true,
      askedAt: true,
      openedAt: true,
      mailFailedAt: true,
      remindersSent: true,
      mailbox: { select: { address: true, delegateAccount: true, state: true, connectedAt: true } },
      connectLink: { select: { expiresAt: true, usedAt: true, revokedAt: true, openedAt: true } },
    },
    orderBy: { mailbox: { address: "asc" } },
  });
  const now = new Date();
  const counts = Object.fromEntries(campaignStatuses.map((s) => [s, 0])) as CampaignReport["counts"];
  counts.total = rows.length;
  const members = rows.map((row): CampaignReportMember => {
    const reconnected = reconnectedSince(row.mailbox, row.createdAt);
    const status = campaignMemberStatus(
      {
        reconnected,
        askedAt: row.askedAt,
        openedAt: row.openedAt,
        mailFailedAt: row.mailFailedAt,
        link: row.connectLink,
      },
      now,
    );
    counts[status] += 1;
    return {
      mailboxId: row.mailboxId,
      address: row.mailbox.address,
      owner: row.mailbox.delegateAccount ?? row.mailbox.address,
      status,
      askedAt: iso(row.askedAt),
      openedAt: iso(row.openedAt),
      reconnectedAt: reconnected ? iso(row.mailbox.connectedAt) : null,
      linkExpiresAt: iso(row.connectLink?.expiresAt),
      remindersSent: row.remindersSent,
    };
  });
  const filter = (campaign.filter ?? {}) as CampaignFilter;
  const [config, member] = await Promise.all([
    filter.config && isUuid(filter.config)
      ? db.clientConfiguration.findFirst({
          where: { id: filter.config, tenantId: ctx.tenantId },
          select: { name: true },
        })
      : null,
    filter.member && isUuid(filter.member)
      ? db.user.findFirst({
          where: { id: filter.member, memberships: { some: { tenantId: ctx.tenantId } } },
          select: { email: true },
        })
      : null,
  ]);
  return {
    id: campaign.id,
    name: campaign.name,
    filter: { ...filter, configName: config?.name, memberEmail: member?.email },
    channel: campaign.channel,
    linkDays: campaign.linkDays,
    reminderDays: campaign.reminderDays,
    createdBy: campaign.createdByLabel,
    createdAt: campaign.createdAt.toISOString(),
    closedAt: iso(campaign.closedAt),
    counts,
    members,
    generatedAt: now.toISOString(),
  };
}
