import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { auditEntryRow, slices } from "@/lib/audit/audit-entry-rows";
import { requireTenantMembers } from "../require-tenant-members";
import { emptyReport, type BulkReport } from "./bulk-report";
import type { BulkTarget } from "./resolve-bulk-targets";

/** Adds the members given to every target (nobody loses a mailbox), one audit entry per mailbox changed. */
export async function bulkAssign(
  ctx: TenantContext,
  targets: BulkTarget[],
  userIds: string[],
): Promise<BulkReport> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const members = await requireTenantMembers(tx, ctx.tenantId, userIds);
    const ids = targets.map((m) => m.id);
    const existing = await tx.mailboxAssignment.findMany({
      where: { tenantId: ctx.tenantId, mailboxId: { in: ids }, userId: { in: members.map((m) => m.userId) } },
      select: { mailboxId: true, userId: true },
    });
    const held = new Set(existing.map((a) => `${a.mailboxId}/${a.userId}`));
    const report = emptyReport();
    const rows = [];
    const audit = [];
    for (const mailbox of targets) {
      const added = members.filter((m) => !held.has(`${mailbox.id}/${m.userId}`));
      if (added.length === 0) {
        report.skipped.push({ id: mailbox.id, address: mailbox.address, reason: "already_assigned" });
        continue;
      }
      report.done.push({ id: mailbox.id, address: mailbox.address });
      rows.push(...added.map((m) => ({ tenantId: ctx.tenantId, mailboxId: mailbox.id, userId: m.userId })));
      audit.push(
        auditEntryRow(ctx, {
          action: "mailbox.members_changed",
          targetType: "mailbox",
          targetId: mailbox.id,
          targetLabel: mailbox.address,
          details: { added: added.map((m) => m.email), removed: [], bulk: true },
        }),
      );
    }
    for (const slice of slices(rows))
      await tx.mailboxAssignment.createMany({ data: slice, skipDuplicates: true });
    for (const slice of slices(audit)) await tx.auditEntry.createMany({ data: slice });
    return report;
  });
}
