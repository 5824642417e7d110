import { recordAudit } from "@/lib/audit/record-audit";
import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { requireRelayAdmin, type RelayAdmin } from "./relay-admin";

/**
 * Revokes a credential: its next login is refused (a session already open
 * ends at its next message, which the relay checks against the database).
 * Mail it queued before stays queued. Revoking twice changes nothing.
 */
export async function revokeRelayCredential(
  by: RelayAdmin,
  id: string,
): Promise<{ id: string; revoked: boolean }> {
  requireRelayAdmin(by);
  if (!isUuid(id)) throw notFound();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const credential = await tx.relayCredential.findFirst({
      where: { id, tenantId: by.tenantId },
      select: { name: true, username: true },
    });
    if (!credential) throw notFound();
    const { count } = await tx.relayCredential.updateMany({
      where: { id, tenantId: by.tenantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 1) {
      await recordAudit(tx, by, {
        action: "relay_credential.revoked",
        targetType: "relay_credential",
        targetId: id,
        targetLabel: credential.name,
        details: { username: credential.username },
      });
    }
    return { id, revoked: count === 1 };
  });
}
