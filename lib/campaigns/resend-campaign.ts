import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { CampaignIdInput } from "./campaign-schemas";
import { loadOpenCampaign } from "./load-open-campaign";
import { memberReconnectedSql } from "./member-reconnected-sql";

/**
 * "Send again to the rest": the members whose mailbox has not reconnected
 * since they joined, which the page then sends new links to part by part.
 * Recorded once, with their number.
 */
export async function resendCampaign(ctx: TenantContext, input: CampaignIdInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const campaign = await loadOpenCampaign(ctx, input.campaignId, tx);
    const rest = await tx.$queryRaw<{ id: string; address: string }[]>`
      SELECT mb.id, mb.address
      FROM "ReconnectCampaignMember" m
      JOIN "Mailbox" mb ON mb.id = m."mailboxId" AND mb."tenantId" = m."tenantId"
      WHERE m."tenantId" = ${ctx.tenantId}::uuid AND m."campaignId" = ${campaign.id}::uuid
        AND NOT ${memberReconnectedSql}
      ORDER BY mb.address`;
    await recordAudit(tx, ctx, {
      action: "reconnect_campaign.resent",
      targetType: "reconnect_campaign",
      targetId: campaign.id,
      targetLabel: campaign.name,
      details: { mailboxes: rest.length },
    });
    return { targets: rest };
  });
}
