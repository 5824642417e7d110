"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import { campaignIdInput, campaignPartInput, startCampaignInput } from "./campaign-schemas";
import { closeCampaign } from "./close-campaign";
import { resendCampaign } from "./resend-campaign";
import { sendCampaignLinks } from "./send-campaign-links";
import { startCampaign } from "./start-campaign";

/** Creates the campaign and its members; the page then sends their links part by part. */
export const startCampaignAction = tenantAction("mailboxes.write", startCampaignInput, async (ctx, input) => {
  const result = await startCampaign(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/campaigns`);
  return result;
});

/** One part of the links: mailed, or (copy channel) returned once to be copied, never stored. */
export const sendCampaignLinksAction = tenantAction("mailboxes.write", campaignPartInput, sendCampaignLinks);

/** The members not reconnected yet, for the page to send new links to part by part. */
export const resendCampaignAction = tenantAction("mailboxes.write", campaignIdInput, resendCampaign);

export const closeCampaignAction = tenantAction("mailboxes.write", campaignIdInput, async (ctx, input) => {
  const result = await closeCampaign(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/campaigns`, "layout");
  return result;
});
