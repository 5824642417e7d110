import type { TenantContext } from "@/lib/auth/tenant-context";
import { revocableStates } from "@/lib/revocation/revocable-states";
import { revokeConnections } from "@/lib/revocation/revoke-connection";
import { emptyReport, type BulkReport } from "./bulk-report";
import type { BulkTarget } from "./resolve-bulk-targets";

/** Revokes every target that holds a connection; the others have nothing to revoke. */
export async function bulkRevoke(ctx: TenantContext, targets: BulkTarget[]): Promise<BulkReport> {
  const report = emptyReport();
  const wanted = targets.filter((m) => revocableStates.includes(m.state));
  for (const m of targets) {
    if (!revocableStates.includes(m.state)) {
      report.skipped.push({ id: m.id, address: m.address, reason: "nothing_to_revoke" });
    }
  }
  if (wanted.length === 0) return report;
  // One transaction and one audit entry per mailbox (revokeConnection), as from its own page.
  for (const result of await revokeConnections(
    ctx,
    wanted.map((m) => m.id),
  )) {
    report.done.push({ id: result.mailboxId, address: result.address });
  }
  return report;
}
