import type { DbTransaction } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { MessageKey } from "@/lib/i18n/catalog";

/**
 * Locks the tenant's admin memberships for the rest of the transaction and
 * returns their ids. Two concurrent demotions of the last two admins both
 * want these locks: the second one waits, then sees the first one's change
 * (PostgreSQL re-checks `role` on rows that changed while it waited), so the
 * two cannot both pass the last-admin check. Locked in id order so that two
 * callers never deadlock.
 */
export async function lockAdminMemberships(tx: DbTransaction, tenantId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Membership"
    WHERE "tenantId" = ${tenantId}::uuid AND "role" = 'admin'
    ORDER BY "id"
    FOR UPDATE`;
  return rows.map((row) => String(row.id));
}

/** Refuses to take away the admin role of `membershipId` when no other admin would be left. */
export function refuseLastAdmin(lockedAdminIds: string[], membershipId: string, messageKey: MessageKey) {
  if (!lockedAdminIds.some((id) => id !== membershipId)) {
    throw new DomainError("conflict", messageKey);
  }
}
