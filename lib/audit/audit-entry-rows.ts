import type { TenantContext } from "@/lib/auth/tenant-context";
import type { Prisma } from "@/lib/db/generated/client";
import type { AuditEvent } from "./record-audit";

/**
 * Audit rows exactly as recordAudit writes them, for changes that touch
 * many rows at once (an import, links for a selection): inserted with one
 * createMany inside the change's own transaction.
 */
export function auditEntryRow(ctx: TenantContext, event: AuditEvent): Prisma.AuditEntryCreateManyInput {
  return {
    tenantId: ctx.tenantId,
    actorId: ctx.userId,
    actorLabel: ctx.userEmail,
    ip: ctx.ip,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    targetLabel: event.targetLabel ?? "",
    details: event.details,
  };
}

// Bind parameters per statement are limited (65,535 in PostgreSQL's protocol): insert in slices.
const SLICE = 1000;

export function* slices<T>(items: T[], size = SLICE): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
