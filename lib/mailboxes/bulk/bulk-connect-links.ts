import type { TenantContext } from "@/lib/auth/tenant-context";
import { createConnectLinks } from "@/lib/connect-links/create-connect-links";
import { emptyReport, type BulkReport } from "./bulk-report";
import type { BulkTarget } from "./resolve-bulk-targets";

/** Connect (or reconnect) links for every target that is not connected already. */
export async function bulkConnectLinks(
  ctx: TenantContext,
  targets: BulkTarget[],
  expiresInDays: number,
): Promise<BulkReport> {
  const report = emptyReport();
  const wanted = targets.filter((m) => m.state !== "connected");
  for (const m of targets) {
    if (m.state === "connected")
      report.skipped.push({ id: m.id, address: m.address, reason: "already_connected" });
  }
  if (wanted.length === 0) return report;
  const { links } = await createConnectLinks(ctx, { ids: wanted.map((m) => m.id), expiresInDays });
  for (const link of links) {
    if (link.mailed) report.done.push({ id: link.mailboxId, address: link.address });
    else report.skipped.push({ id: link.mailboxId, address: link.address, reason: "not_mailed" });
  }
  return report;
}
