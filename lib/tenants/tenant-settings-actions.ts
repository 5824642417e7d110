"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import { setSchoolRegion } from "./set-school-region";
import { setMailBodyRetention } from "./tenant-settings";
import { mailRetentionInput, schoolRegionInput } from "./tenant-settings-schemas";

export const setMailRetentionAction = tenantAction("tenant.write", mailRetentionInput, async (ctx, input) => {
  const result = await setMailBodyRetention(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/settings`);
  return result;
});

export const setSchoolRegionAction = tenantAction("tenant.write", schoolRegionInput, async (ctx, input) => {
  const result = await setSchoolRegion(ctx, input);
  // Every page of the school shows its dates in the zone.
  revalidatePath(`/t/${ctx.tenantSlug}`, "layout");
  return result;
});
