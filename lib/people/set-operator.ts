import { DomainError } from "@/lib/errors/domain-error";
import { normalizeEmail } from "@/lib/auth/tokens";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { getDb, type DbTransaction } from "@/lib/db/client";

/**
 * Grants or removes platform operator rights inside the caller's
 * transaction. Returns whether anything changed. Platform-level: the entry
 * belongs to no tenant.
 */
export async function applyOperatorFlag(
  tx: DbTransaction,
  by: AuditActor,
  user: { id: string; email: string; isOperator: boolean },
  isOperator: boolean,
): Promise<boolean> {
  if (user.isOperator === isOperator) return false;
  await tx.user.update({ where: { id: user.id }, data: { isOperator } });
  await recordAudit(
    tx,
    { ...by, tenantId: null },
    {
      action: isOperator ? "operator.granted" : "operator.revoked",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.email,
    },
  );
  return true;
}

/** Makes an existing person a platform operator, or no longer one (the command line does). */
export async function setOperator(
  by: AuditActor,
  input: { email: string; isOperator: boolean },
): Promise<{ changed: boolean }> {
  const email = normalizeEmail(input.email);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, email: true, isOperator: true },
    });
    if (!user) throw new DomainError("not_found", "operator.people.errors.userNotFound", { email });
    return { changed: await applyOperatorFlag(tx, by, user, input.isOperator) };
  });
}
