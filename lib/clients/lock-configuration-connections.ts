import type { DbTransaction } from "@/lib/db/client";

/**
 * Locks (FOR UPDATE, in id order) a configuration's mailboxes that hold a
 * refresh token: those whose forecast end (grantEndsAt) a trigger rewrites
 * when the configuration's provider, token endpoint or "Testing" status
 * changes. Call it before writing the configuration's row: a refresh holds its
 * mailbox's lock while it may write the configuration, so taking the
 * mailboxes first never waits in a cycle.
 */
export async function lockConfigurationConnections(
  tx: DbTransaction,
  tenantId: string,
  clientConfigurationId: string,
): Promise<void> {
  await tx.$queryRaw`
    SELECT id FROM "Mailbox"
     WHERE "tenantId" = ${tenantId}::uuid AND "clientConfigurationId" = ${clientConfigurationId}::uuid
       AND "refreshTokenCipher" IS NOT NULL
     ORDER BY id FOR UPDATE`;
}
