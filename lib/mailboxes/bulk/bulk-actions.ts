"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import { bulkActionInput, bulkTargetInput } from "./bulk-schemas";
import { countBulkTargets } from "./resolve-bulk-targets";
import { runBulkAction } from "./run-bulk-action";

export const countBulkTargetsAction = tenantAction(
  "mailboxes.write",
  bulkTargetInput,
  async (ctx, input) => ({
    count: await countBulkTargets(ctx, input),
  }),
);

export const runBulkActionAction = tenantAction("mailboxes.write", bulkActionInput, async (ctx, input) => {
  const report = await runBulkAction(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/mailboxes`);
  revalidatePath(`/t/${ctx.tenantSlug}`);
  return report;
});
