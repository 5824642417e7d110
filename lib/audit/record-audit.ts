import type { DbTransaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { TenantContext } from "@/lib/auth/tenant-context";

export interface AuditEvent {
  /** dotted verb, e.g. "member.role_changed" */
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string;
  /** Never a secret: details are shown to tenant admins and exported. */
  details?: Prisma.InputJsonValue;
}

/**
 * Who did something outside a tenant context: a signed-in person (an
 * Actor), or the operator command line, which has no account (userId null,
 * email "cli").
 */
export interface AuditActor {
  userId: string | null;
  email: string;
  ip: string | null;
}

/**
 * Records a change in the same transaction as the change itself, so that
 * there is never a change without its entry, nor an entry without its change.
 */
export async function recordAudit(
  tx: DbTransaction,
  by: TenantContext | (AuditActor & { tenantId: string | null }),
  event: AuditEvent,
): Promise<void> {
  await tx.auditEntry.create({
    data: {
      tenantId: by.tenantId,
      actorId: by.userId,
      actorLabel: "userEmail" in by ? by.userEmail : by.email,
      ip: by.ip,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      targetLabel: event.targetLabel ?? "",
      details: event.details,
    },
  });
}
