import type { DbTransaction } from "@/lib/db/client";
import { fieldError } from "@/lib/errors/field-error";

/**
 * The people a mailbox is assigned to, checked to be members of the tenant
 * (within the query): an id from another school, or of no one, is refused.
 */
export async function requireTenantMembers(tx: DbTransaction, tenantId: string, userIds: string[]) {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return [];
  const memberships = await tx.membership.findMany({
    where: { tenantId, userId: { in: wanted } },
    select: { userId: true, user: { select: { email: true } } },
    orderBy: { user: { email: "asc" } },
  });
  if (memberships.length !== wanted.length) throw fieldError("members", "mailboxes.form.memberUnknown");
  return memberships.map((m) => ({ userId: m.userId, email: m.user.email }));
}
