import { SMTP_AUTH_DISABLED } from "@/lib/connections/smtp-auth-disabled";
import type { DbTransaction } from "@/lib/db/client";

/**
 * After a client configuration was changed (a new secret, another client
 * ID), its connections stopped by the provider's refusal get their chance
 * again: those that still hold a refresh token go back to connected, and
 * their next refresh tells whether the fix worked (not those stopped by
 * SMTP AUTH being off, a mailbox setting). Call it in the
 * transaction that saves the configuration. Returns how many came back.
 */
export async function restoreConfigErrorConnections(
  tx: DbTransaction,
  { tenantId, clientConfigurationId }: { tenantId: string; clientConfigurationId: string },
): Promise<number> {
  // A connection being refreshed right now is skipped rather than waited for (the
  // refresh may be waiting for this configuration's row): its refresh sets its state.
  return tx.$executeRaw`
    UPDATE "Mailbox" SET state = 'connected', "lastErrorCode" = NULL, "lastErrorAt" = NULL
    WHERE id IN (
      SELECT id FROM "Mailbox"
      WHERE "tenantId" = ${tenantId}::uuid AND "clientConfigurationId" = ${clientConfigurationId}::uuid
        AND state = 'config_error' AND "refreshTokenCipher" IS NOT NULL
        AND "lastErrorCode" IS DISTINCT FROM ${SMTP_AUTH_DISABLED}
      FOR UPDATE SKIP LOCKED)`;
}
