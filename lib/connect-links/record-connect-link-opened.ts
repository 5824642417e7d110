import { getDb } from "@/lib/db/client";

/**
 * Notes the first opening of a valid link's page, and of its campaign
 * member's links: conditional updates that match nothing once it is noted,
 * so that later views write nothing. A mail scanner's visit counts too.
 */
export async function recordConnectLinkOpened(link: { id: string; tenantId: string }, now = new Date()) {
  const db = await getDb();
  const { count } = await db.connectLink.updateMany({
    where: { id: link.id, tenantId: link.tenantId, openedAt: null },
    data: { openedAt: now },
  });
  if (count === 0) return;
  await db.reconnectCampaignMember.updateMany({
    where: { tenantId: link.tenantId, connectLinkId: link.id, openedAt: null },
    data: { openedAt: now },
  });
}
