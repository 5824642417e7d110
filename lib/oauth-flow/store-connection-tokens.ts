import { recordAudit } from "@/lib/audit/record-audit";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb, type DbTransaction } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { releaseHeldMail } from "@/lib/outbox/release-held-mail";
import {
  queueProviderRevocation,
  type QueuedRevocation,
  type RevokingConfiguration,
} from "@/lib/revocation/queue-provider-revocation";
import { askProviderNow, revocationDetail } from "@/lib/revocation/revoke-connection";
import type { auditActorOf } from "./audit-actor";
import { FlowRefusal } from "./flow-refusal";
import type { FlowResult } from "./flow-result";
import { MAILBOX_LOCK_TRANSACTION } from "@/lib/db/mailbox-lock-transaction";
import { accessTokenAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import type { TokenResponse } from "@/lib/tokens/token-response";

export type StoreConnectionInput = {
  by: ReturnType<typeof auditActorOf>;
  tenantId: string;
  mailboxId: string;
  mailboxAddress: string;
  tokens: TokenResponse;
  grantedScopes: string[];
  authorizedAccount: string | null;
  state: "connected" | "insufficient_scope";
  flow: "authorization_code" | "device_code";
  /** Set when a connect link started the flow. */
  connectLinkId: string | null;
  /**
   * What the flow was for: the configuration whose client the grant was given
   * to, and the delegate who gave it (null: the mailbox's own account). A
   * mailbox moved or given another delegate meanwhile does not take the grant.
   */
  issuedTo: { configuration: RevokingConfiguration; delegateAccount: string | null };
  now?: Date;
};

const seconds = (now: Date, value: number) => new Date(now.getTime() + value * 1000);

/**
 * A connect link is used up by the connection it made (conditionally, so that
 * two completions cannot both use it). An insufficient grant leaves it usable,
 * so that its holder can authorize again with the missing permission.
 */
async function useConnectLink(tx: DbTransaction, input: StoreConnectionInput, now: Date) {
  if (!input.connectLinkId) return;
  const where = {
    id: input.connectLinkId,
    tenantId: input.tenantId,
    mailboxId: input.mailboxId,
    usedAt: null,
    revokedAt: null,
    expiresAt: { gt: now },
  };
  const usable =
    input.state === "connected"
      ? (await tx.connectLink.updateMany({ where, data: { usedAt: now } })).count
      : await tx.connectLink.count({ where });
  if (usable !== 1) throw new FlowRefusal({ outcome: "link_invalid", mailbox: input.mailboxAddress });
}

type LockedMailbox = {
  clientConfigurationId: string;
  clientId: string;
  delegateAccount: string | null;
  refreshTokenCipher: string | null;
};

/**
 * The mailbox's row, locked until the commit, with its configuration's
 * client: a move, a new delegate or a new client for its configuration waits
 * for the grant, or the grant for them. The client is read after the lock, in
 * a statement of its own: a configuration edit that held the lock has
 * committed by then and is seen (a row joined to the locked one would be the
 * version read before the wait). Null: deleted meanwhile.
 */
async function lockMailbox(tx: DbTransaction, input: StoreConnectionInput): Promise<LockedMailbox | null> {
  const [row] = await tx.$queryRaw<Omit<LockedMailbox, "clientId">[]>`
    SELECT "clientConfigurationId"::text AS "clientConfigurationId", "delegateAccount", "refreshTokenCipher"
      FROM "Mailbox"
     WHERE id = ${input.mailboxId}::uuid AND "tenantId" = ${input.tenantId}::uuid
       FOR UPDATE`;
  if (!row) return null;
  const [configuration] = await tx.$queryRaw<{ clientId: string }[]>`
    SELECT "clientId" FROM "ClientConfiguration"
     WHERE id = ${row.clientConfigurationId}::uuid AND "tenantId" = ${input.tenantId}::uuid`;
  return configuration ? { ...row, clientId: configuration.clientId } : null;
}

/** Why the grant cannot go on the mailbox as it is now (deleted, moved, another client or delegate); null: it can. */
function refusalFor(
  current: LockedMailbox | null,
  issuedTo: StoreConnectionInput["issuedTo"],
): FlowResult | null {
  if (!current) return { outcome: "not_found" };
  if (
    current.clientConfigurationId !== issuedTo.configuration.id ||
    current.clientId !== issuedTo.configuration.clientId
  ) {
    return { outcome: "mailbox_changed", reasonKey: "connect.result.configChanged" };
  }
  if (current.delegateAccount !== issuedTo.delegateAccount) {
    return { outcome: "mailbox_changed", reasonKey: "connect.result.delegateChanged" };
  }
  return null;
}

/**
 * A grant for a client or an account the mailbox no longer uses: not stored,
 * but queued for withdrawal at the provider that issued it (its tokens bound
 * to the mailbox's row, as stored ones are), so that no grant outlives the flow.
 */
function withdrawUnstored(tx: DbTransaction, input: StoreConnectionInput): Promise<QueuedRevocation> {
  const { tokens, tenantId, mailboxId } = input;
  return queueProviderRevocation(
    tx,
    {
      id: mailboxId,
      tenantId,
      refreshTokenCipher: tokens.refresh_token
        ? encryptSecret(tokens.refresh_token, refreshTokenAad(mailboxId))
        : null,
      accessTokenCipher: encryptSecret(tokens.access_token, accessTokenAad(mailboxId)),
    },
    input.issuedTo.configuration,
  );
}

/**
 * Stores a new grant on the mailbox's own row, in one transaction: tokens
 * encrypted and bound to the row, expiries, granted scopes, the account that
 * authorized, the state. The row keeps its id, history and queued mail. A
 * response without a refresh token keeps the stored one (Google answers a
 * reconnect without `prompt=consent` that way). Returns whether the mailbox
 * now holds a refresh token.
 *
 * The row is locked first. When the mailbox was moved to another
 * configuration (or its configuration given another client), given another
 * delegate, or deleted while its owner was authorizing,
 * the grant is withdrawn at its provider instead and the flow is refused
 * (start again): stored, it would be another client's or account's tokens
 * under the mailbox's new settings, and a grant nobody tracks.
 */
export async function storeConnectionTokens(
  input: StoreConnectionInput,
): Promise<{ hasRefreshToken: boolean }> {
  const now = input.now ?? new Date();
  const { tokens, tenantId, mailboxId } = input;
  const db = await getDb();
  const stored = await db.$transaction(async (tx) => {
    const current = await lockMailbox(tx, input);
    const refusal = refusalFor(current, input.issuedTo);
    if (refusal || !current) {
      const queued = await withdrawUnstored(tx, input);
      // For the school's admins: a grant came back and was withdrawn rather than stored.
      await recordAudit(tx, input.by, {
        action: "mailbox.connect_failed",
        targetType: "mailbox",
        targetId: mailboxId,
        targetLabel: input.mailboxAddress,
        details: {
          outcome: refusal?.outcome ?? "not_found",
          ...(input.authorizedAccount ? { account: input.authorizedAccount } : {}),
          providerRevocation: revocationDetail(queued),
        },
      });
      return { refusal: refusal ?? { outcome: "not_found" as const }, queued };
    }
    await useConnectLink(tx, input, now);
    const refresh = tokens.refresh_token
      ? {
          refreshTokenCipher: encryptSecret(tokens.refresh_token, refreshTokenAad(mailboxId)),
          refreshTokenExpiresAt: tokens.refresh_token_expires_in
            ? seconds(now, tokens.refresh_token_expires_in)
            : null,
        }
      : {};
    await tx.mailbox.updateMany({
      where: { id: mailboxId, tenantId },
      data: {
        accessTokenCipher: encryptSecret(tokens.access_token, accessTokenAad(mailboxId)),
        accessTokenExpiresAt: tokens.expires_in ? seconds(now, tokens.expires_in) : null,
        ...refresh,
        grantedScopes: input.grantedScopes,
        authorizedAccount: input.authorizedAccount,
        connectedAt: now,
        state: input.state,
        lastErrorCode: null,
        lastErrorAt: null,
        ownersNotifiedAt: null,
        unknownErrorSince: null,
        // A new grant: whatever the provider kept of an earlier one is no longer this mailbox's news.
        providerRevocation: null,
        providerRevocationCode: null,
      },
    });
    if (input.state === "connected") await releaseHeldMail(tenantId, mailboxId, tx);
    const hasRefreshToken = Boolean(tokens.refresh_token) || current.refreshTokenCipher !== null;
    await recordAudit(tx, input.by, {
      action: "mailbox.connected",
      targetType: "mailbox",
      targetId: mailboxId,
      targetLabel: input.mailboxAddress,
      details: {
        state: input.state,
        flow: input.flow,
        account: input.authorizedAccount,
        grantedScopes: input.grantedScopes,
        newRefreshToken: Boolean(tokens.refresh_token),
        hasRefreshToken,
        viaConnectLink: input.connectLinkId !== null,
      },
    });
    return { refusal: null, hasRefreshToken };
  }, MAILBOX_LOCK_TRANSACTION);
  if (stored.refusal === null) return { hasRefreshToken: stored.hasRefreshToken };
  try {
    // Asked at once, as a revocation does; the pending revocation is committed, so the workers ask
    // again if the provider cannot be reached now.
    await askProviderNow(tenantId, stored.queued);
  } catch (error) {
    logger().warn(
      { tenantId, mailboxId, err: error },
      "Withdrawing a grant that arrived too late failed; the workers will ask again",
    );
  }
  throw new FlowRefusal({ ...stored.refusal, mailbox: input.mailboxAddress });
}
