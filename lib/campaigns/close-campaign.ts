import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import type { CampaignIdInput } from "./campaign-schemas";

/**
 * Closes a campaign: no reminder nor resend from now on. The links already
 * sent keep working until they expire, and the report stays.
 */
export async function closeCampaign(ctx: TenantContext, input: CampaignIdInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.campaignId)) throw notFound();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const campaign = await tx.reconnectCampaign.findFirst({
      where: { id: input.campaignId, tenantId: ctx.tenantId },
      select: { id: true, name: true },
    });
    if (!campaign) throw notFound();
    const { count } = await tx.reconnectCampaign.updateMany({
      where: { id: campaign.id, tenantId: ctx.tenantId, closedAt: null },
      data: { closedAt: new Date() },
    });
    if (count !== 1) throw new DomainError("conflict", "campaigns.closedAlready");
    await recordAudit(tx, ctx, {
      action: "reconnect_campaign.closed",
      targetType: "reconnect_campaign",
      targetId: campaign.id,
      targetLabel: campaign.name,
    });
    return { name: campaign.name };
  });
}
