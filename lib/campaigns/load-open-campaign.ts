import { DomainError, notFound } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import type { DbTransaction } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";

/** The tenant's campaign by id, refused once closed (nothing more is sent for it). */
export async function loadOpenCampaign(ctx: TenantContext, campaignId: string, tx?: DbTransaction) {
  if (!isUuid(campaignId)) throw notFound();
  const db = tx ?? (await getDb());
  const campaign = await db.reconnectCampaign.findFirst({
    where: { id: campaignId, tenantId: ctx.tenantId },
    select: { id: true, tenantId: true, name: true, channel: true, linkDays: true, closedAt: true },
  });
  if (!campaign) throw notFound();
  if (campaign.closedAt) throw new DomainError("conflict", "campaigns.closedAlready");
  return campaign;
}
