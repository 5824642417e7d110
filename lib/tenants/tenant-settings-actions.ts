"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import { setMailBodyRetention } from "./tenant-settings";
import { mailRetentionInput } from "./tenant-settings-schemas";

export const setMailRetentionAction = tenantAction("tenant.write", mailRetentionInput, async (ctx, input) => {
  const result = await setMailBodyRetention(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/settings`);
  return result;
});
