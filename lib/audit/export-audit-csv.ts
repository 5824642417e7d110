import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { auditCsvColumns, auditEntryCsvLine, csvLine } from "./audit-csv";
import { auditEntryWhere, type AuditFilters } from "./audit-filters";
import { auditEntrySelect } from "./list-audit-entries";

/** The most rows one export holds (newest first); narrower dates reach further back. */
export const auditExportLimit = 100_000;
const batchSize = 1_000;

/**
 * The tenant's filtered audit log as CSV, newest first, read in batches as
 * the client takes them so that a large log never sits in memory. Starts
 * with a byte order mark: spreadsheet programs then read accents right.
 */
export function exportAuditCsv(
  ctx: TenantContext,
  filters: AuditFilters,
  limit = auditExportLimit,
): ReadableStream<Uint8Array> {
  if (!can(ctx, "audit.read")) throw forbidden();
  const where = auditEntryWhere(ctx, filters);
  const encoder = new TextEncoder();
  let before: bigint | undefined;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(auditCsvColumns)}`));
    },
    async pull(controller) {
      try {
        const take = Math.min(batchSize, limit - sent);
        const db = await getDb();
        const rows =
          take > 0
            ? await db.auditEntry.findMany({
                where: { AND: [where, before === undefined ? {} : { id: { lt: before } }] },
                orderBy: { id: "desc" },
                take,
                select: auditEntrySelect,
              })
            : [];
        if (rows.length > 0) {
          sent += rows.length;
          before = rows[rows.length - 1]!.id;
          controller.enqueue(encoder.encode(rows.map(auditEntryCsvLine).join("")));
        }
        if (rows.length < take || take <= 0) controller.close();
      } catch (error) {
        // The response has started: the client sees a cut download; the cause stays in the server log.
        logger().error({ tenantId: ctx.tenantId, err: error }, "Audit export failed");
        controller.error(new Error("audit export failed"));
      }
    },
  });
}
