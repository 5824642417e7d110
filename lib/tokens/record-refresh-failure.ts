import { recordAudit } from "@/lib/audit/record-audit";
import { noteExpiredClientSecret, SECRET_EXPIRED_CODE } from "@/lib/clients/note-expired-client-secret";
import type { DbTransaction } from "@/lib/db/client";
import type { RefreshFailure } from "./refresh-failure";
import { systemActor } from "@/lib/audit/system-actor";

type FailedMailbox = {
  id: string;
  tenantId: string;
  address: string;
  clientConfigurationId: string;
  unknownErrorSince: Date | null;
};

export type RecordedFailure = {
  /** This failure broke the connection: its owners are to be told. */
  brokeConnection: boolean;
  /** This failure flagged the configuration: its tenant's admins are to be told. */
  brokeConfiguration: boolean;
};

/**
 * Writes what a refused refresh means, in the transaction holding the
 * mailbox's row lock. A dead grant erases both tokens (nothing can revive
 * them); a refused client keeps them, since they work again once the
 * configuration is fixed; a transient failure only records itself, and an
 * unrecognised one since when they follow one another (unknownErrorSince).
 */
export async function recordRefreshFailure(
  tx: DbTransaction,
  mailbox: FailedMailbox,
  failure: RefreshFailure,
  now: Date,
): Promise<RecordedFailure> {
  const { id, tenantId, clientConfigurationId } = mailbox;
  const error = { lastErrorCode: failure.code, lastErrorAt: now };
  if (failure.effect === "transient") {
    const since = failure.unrecognised ? { unknownErrorSince: mailbox.unknownErrorSince ?? now } : {};
    await tx.mailbox.updateMany({ where: { id, tenantId }, data: { ...error, ...since } });
    return { brokeConnection: false, brokeConfiguration: false };
  }
  if (failure.effect === "needs_reconnect") {
    const { count } = await tx.mailbox.updateMany({
      where: { id, tenantId, state: { not: "needs_reconnect" } },
      data: {
        ...error,
        state: "needs_reconnect",
        accessTokenCipher: null,
        refreshTokenCipher: null,
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        ownersNotifiedAt: null,
        unknownErrorSince: null,
      },
    });
    if (count === 0) return { brokeConnection: false, brokeConfiguration: false };
    await recordAudit(
      tx,
      { ...systemActor, tenantId },
      {
        action: "mailbox.needs_reconnect",
        targetType: "mailbox",
        targetId: id,
        targetLabel: mailbox.address,
        details: {
          code: failure.code,
          // An answer Relais does not know, repeated for days (afterUnknownErrorDays).
          ...(failure.unrecognised && mailbox.unknownErrorSince
            ? { failingSince: mailbox.unknownErrorSince.toISOString() }
            : {}),
        },
      },
    );
    return { brokeConnection: true, brokeConfiguration: false };
  }
  const flagged = await tx.clientConfiguration.updateMany({
    where: { id: clientConfigurationId, tenantId, brokenAt: null },
    data: { brokenAt: now, brokenReason: failure.code },
  });
  await tx.mailbox.updateMany({
    where: { id, tenantId },
    data: { ...error, state: "config_error", unknownErrorSince: null },
  });
  // Every connection of the configuration fails the same way: one refusal is enough to say so.
  // Rows locked by a refresh in flight are skipped (waiting for them while holding the
  // configuration's row could deadlock); that refresh records its own outcome.
  await tx.$executeRaw`
    UPDATE "Mailbox" SET state = 'config_error', "lastErrorCode" = ${failure.code}, "lastErrorAt" = ${now},
      "unknownErrorSince" = NULL
    WHERE id IN (
      SELECT id FROM "Mailbox"
      WHERE "tenantId" = ${tenantId}::uuid AND "clientConfigurationId" = ${clientConfigurationId}::uuid
        AND state = 'connected'
      FOR UPDATE SKIP LOCKED)`;
  // An expired secret: its expiry is known from now on, and shown as such on the configuration.
  if (failure.code === SECRET_EXPIRED_CODE) {
    await noteExpiredClientSecret(tx, { tenantId, clientConfigurationId, now });
  }
  if (flagged.count > 0) {
    await recordAudit(
      tx,
      { ...systemActor, tenantId },
      {
        action: "client.broken",
        targetType: "clientConfiguration",
        targetId: clientConfigurationId,
        details: { code: failure.code, mailbox: mailbox.address },
      },
    );
  }
  return { brokeConnection: false, brokeConfiguration: flagged.count > 0 };
}
