import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** An audit entry written directly, as recordAudit would have, with any time and text. */
export async function seedAuditEntry(
  tenantId: string | null,
  overrides: Partial<{
    action: string;
    actorLabel: string;
    targetType: string;
    targetId: string | null;
    targetLabel: string;
    ip: string | null;
    details: Prisma.InputJsonValue;
    createdAt: Date;
  }> = {},
) {
  const db = await getDb();
  return db.auditEntry.create({
    data: {
      tenantId,
      actorId: null,
      actorLabel: overrides.actorLabel ?? "admin@school.test",
      action: overrides.action ?? "member.invited",
      targetType: overrides.targetType ?? "invitation",
      targetId: overrides.targetId ?? null,
      targetLabel: overrides.targetLabel ?? "someone@school.test",
      ip: overrides.ip ?? "203.0.113.7",
      details: overrides.details,
      createdAt: overrides.createdAt,
    },
  });
}
