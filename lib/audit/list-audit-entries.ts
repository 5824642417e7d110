import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { auditEntryWhere, type AuditFilters, type AuditPage } from "./audit-filters";

export const auditPageSize = 50;

export const auditEntrySelect = {
  id: true,
  createdAt: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  targetLabel: true,
  ip: true,
  details: true,
} as const satisfies Prisma.AuditEntrySelect;

export interface AuditEntryView {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  ip: string | null;
  details: Prisma.JsonValue;
}

export interface AuditEntryList {
  entries: AuditEntryView[];
  /** Cursors for the neighbouring pages, null at either end. */
  newer: string | null;
  older: string | null;
}

export const toAuditEntryView = (row: Prisma.AuditEntryGetPayload<{ select: typeof auditEntrySelect }>) => ({
  ...row,
  id: row.id.toString(),
});

/**
 * One page of the tenant's audit log, newest first (in the order entries
 * were recorded), for tenant admins. Pages by entry id rather than offset so
 * that entries recorded meanwhile do not shift what the next page shows.
 */
export async function listAuditEntries(
  ctx: TenantContext,
  filters: AuditFilters,
  page: AuditPage = {},
  pageSize = auditPageSize,
): Promise<AuditEntryList> {
  if (!can(ctx, "audit.read")) throw forbidden();
  const db = await getDb();
  const where = auditEntryWhere(ctx, filters);
  // Going to newer entries reads upwards from the cursor, then shows them newest first.
  const backward = page.after !== undefined;
  const cursor = backward
    ? { id: { gt: page.after } }
    : page.before !== undefined
      ? { id: { lt: page.before } }
      : {};
  const rows = await db.auditEntry.findMany({
    where: { AND: [where, cursor] },
    orderBy: { id: backward ? "asc" : "desc" },
    take: pageSize + 1,
    select: auditEntrySelect,
  });
  const more = rows.length > pageSize;
  const shown = rows.slice(0, pageSize);
  if (backward) shown.reverse();
  const first = shown[0];
  const last = shown.at(-1);
  const exists = async (condition: Prisma.AuditEntryWhereInput) =>
    (await db.auditEntry.findFirst({ where: { AND: [where, condition] }, select: { id: true } })) !== null;
  const newer = backward
    ? more
    : page.before !== undefined && !!first && (await exists({ id: { gt: first.id } }));
  const older = backward ? !!last && (await exists({ id: { lt: last.id } })) : more;
  return {
    entries: shown.map(toAuditEntryView),
    newer: newer && first ? first.id.toString() : null,
    older: older && last ? last.id.toString() : null,
  };
}
