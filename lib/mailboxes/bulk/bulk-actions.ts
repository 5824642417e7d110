"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/define-action";
import { bulkActionInput, bulkTargetInput } from "./bulk-schemas";
import { resolveBulkTargets } from "./resolve-bulk-targets";
import { runBulkAction } from "./run-bulk-action";

/**
 * The mailboxes a bulk action would touch, for the person to confirm their
 * number: the page then sends them, part by part, as selections to
 * runBulkActionAction, each part checked again there.
 */
export const reviewBulkTargetsAction = tenantAction(
  "mailboxes.write",
  bulkTargetInput,
  async (ctx, input) => {
    const targets = await resolveBulkTargets(ctx, input);
    return { count: targets.length, targets: targets.map(({ id, address }) => ({ id, address })) };
  },
);

export const runBulkActionAction = tenantAction("mailboxes.write", bulkActionInput, async (ctx, input) => {
  const report = await runBulkAction(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/mailboxes`);
  revalidatePath(`/t/${ctx.tenantSlug}`);
  return report;
});
