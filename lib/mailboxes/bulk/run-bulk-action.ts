import type { TenantContext } from "@/lib/auth/tenant-context";
import { bulkAssign } from "./bulk-assign";
import { bulkChangeConfiguration } from "./bulk-change-configuration";
import { bulkConnectLinks } from "./bulk-connect-links";
import type { BulkReport } from "./bulk-report";
import { bulkRevoke } from "./bulk-revoke";
import type { BulkActionInput } from "./bulk-schemas";
import { resolveBulkTargets } from "./resolve-bulk-targets";

/** Runs a bulk action on a selection or on everything a filter matches, and says what it did to each. */
export async function runBulkAction(ctx: TenantContext, input: BulkActionInput): Promise<BulkReport> {
  const targets = await resolveBulkTargets(ctx, input);
  if (targets.length === 0) return { done: [], skipped: [] };
  switch (input.action) {
    case "connect_links":
      return bulkConnectLinks(ctx, targets, input.expiresInDays);
    case "revoke":
      return bulkRevoke(ctx, targets);
    case "assign":
      return bulkAssign(ctx, targets, input.members);
    case "change_configuration":
      return bulkChangeConfiguration(ctx, targets, input.clientConfigurationId);
  }
}
