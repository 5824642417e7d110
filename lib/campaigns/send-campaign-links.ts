import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import type { CampaignPartInput } from "./campaign-schemas";
import { issueCampaignLinks } from "./issue-campaign-links";
import { loadOpenCampaign } from "./load-open-campaign";

/** One part of a campaign's sending (first links or a resend): members of this open campaign only. */
export async function sendCampaignLinks(ctx: TenantContext, input: CampaignPartInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const campaign = await loadOpenCampaign(ctx, input.campaignId);
  return issueCampaignLinks(campaign, input.ids, { userId: ctx.userId, sender: ctx });
}
