import { randomUUID } from "node:crypto";
import { notFound } from "@/lib/errors/domain-error";
import { newLinkToken } from "@/lib/auth/tokens";
import {
  connectLinkUrl,
  sendConnectLinkMail,
  type ConnectLinkSender,
} from "@/lib/connect-links/send-connect-link-mail";
import { getDb } from "@/lib/db/client";
import type { ReconnectCampaignChannel } from "@/lib/db/generated/enums";
import { logger } from "@/lib/log/logger";
import { reconnectedSince } from "./campaign-status";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CampaignForLinks {
  id: string;
  tenantId: string;
  channel: ReconnectCampaignChannel;
  linkDays: number;
}

/** What became of one member: mailed or not, or (copy channel) its link, which exists only here. */
export interface IssuedLink {
  mailboxId: string;
  address: string;
  /** Who the link is for: the mailbox, or a shared mailbox's delegate. */
  sentTo: string;
  mailed: boolean;
  /** Copy channel only: the link to hand over; never stored. */
  url?: string;
}

/**
 * Gives each member given (mailboxes of the campaign) a new link, revoking
 * its open one: mailed (mail channel) or returned for an admin to copy.
 * Members whose mailbox reconnected since they joined get nothing. A raw
 * token exists only in this call: a reminder or a resend is always a new link
 * (a reminder's mail says it is one: `reminder`).
 */
export async function issueCampaignLinks(
  campaign: CampaignForLinks,
  mailboxIds: string[],
  by: { userId: string | null; sender: ConnectLinkSender },
  now = new Date(),
  { reminder = false }: { reminder?: boolean } = {},
): Promise<{ links: IssuedLink[]; alreadyReconnected: number }> {
  const ids = [...new Set(mailboxIds)];
  if (ids.length === 0) return { links: [], alreadyReconnected: 0 };
  const { tenantId } = campaign;
  const db = await getDb();
  const expiresAt = new Date(now.getTime() + campaign.linkDays * DAY_MS);
  const { created, alreadyReconnected } = await db.$transaction(async (tx) => {
    // Locked in id order, as createConnectLinks does: one open link per mailbox.
    await tx.$queryRaw`
      SELECT "id" FROM "Mailbox"
      WHERE "tenantId" = ${tenantId}::uuid AND "id" = ANY(${ids}::uuid[])
      ORDER BY "id"
      FOR UPDATE`;
    const members = await tx.reconnectCampaignMember.findMany({
      where: { tenantId, campaignId: campaign.id, mailboxId: { in: ids } },
      select: {
        mailboxId: true,
        createdAt: true,
        mailbox: { select: { address: true, delegateAccount: true, state: true, connectedAt: true } },
      },
      orderBy: { mailbox: { address: "asc" } },
    });
    if (members.length !== ids.length) throw notFound();
    const wanted = members.filter((m) => !reconnectedSince(m.mailbox, m.createdAt));
    if (wanted.length === 0) return { created: [], alreadyReconnected: members.length };
    await tx.connectLink.updateMany({
      where: {
        tenantId,
        mailboxId: { in: wanted.map((m) => m.mailboxId) },
        usedAt: null,
        revokedAt: null,
        expiresAt: { gt: now },
      },
      data: { revokedAt: now },
    });
    const created = wanted.map((m) => ({
      id: randomUUID(),
      mailboxId: m.mailboxId,
      address: m.mailbox.address,
      delegateAccount: m.mailbox.delegateAccount,
      ...newLinkToken(),
    }));
    await tx.connectLink.createMany({
      data: created.map((link) => ({
        id: link.id,
        tenantId,
        mailboxId: link.mailboxId,
        tokenHash: link.tokenHash,
        createdById: by.userId,
        sentTo: campaign.channel === "mail" ? (link.delegateAccount ?? link.address) : null,
        expiresAt,
        createdAt: now,
      })),
    });
    for (const link of created) {
      await tx.reconnectCampaignMember.updateMany({
        where: { tenantId, campaignId: campaign.id, mailboxId: link.mailboxId },
        data: { connectLinkId: link.id, lastSentAt: now, mailFailedAt: null },
      });
    }
    await tx.reconnectCampaignMember.updateMany({
      where: {
        tenantId,
        campaignId: campaign.id,
        mailboxId: { in: created.map((l) => l.mailboxId) },
        askedAt: null,
      },
      data: { askedAt: now },
    });
    return { created, alreadyReconnected: members.length - wanted.length };
  });

  const links: IssuedLink[] = [];
  const failed: typeof created = [];
  for (const link of created) {
    const sentTo = link.delegateAccount ?? link.address;
    if (campaign.channel === "copy") {
      links.push({
        mailboxId: link.mailboxId,
        address: link.address,
        sentTo,
        mailed: false,
        url: connectLinkUrl(link.token),
      });
      continue;
    }
    const mailed = await sendConnectLinkMail(
      by.sender,
      {
        address: link.address,
        delegateAccount: link.delegateAccount,
        token: link.token,
        days: campaign.linkDays,
        expiresAt,
      },
      { reminder },
    ).then(
      () => true,
      (error: unknown) => {
        logger().error(
          { tenantId, mailboxId: link.mailboxId, campaignId: campaign.id, err: error },
          "Campaign link mail not sent",
        );
        return false;
      },
    );
    if (!mailed) failed.push(link);
    links.push({ mailboxId: link.mailboxId, address: link.address, sentTo, mailed });
  }
  if (failed.length > 0) {
    await db.connectLink.updateMany({
      where: { tenantId, id: { in: failed.map((l) => l.id) } },
      data: { sentTo: null },
    });
    await db.reconnectCampaignMember.updateMany({
      where: { tenantId, campaignId: campaign.id, mailboxId: { in: failed.map((l) => l.mailboxId) } },
      data: { mailFailedAt: now },
    });
  }
  return { links, alreadyReconnected };
}
