import { recordAudit } from "@/lib/audit/record-audit";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb, type DbTransaction } from "@/lib/db/client";
import { releaseHeldMail } from "@/lib/outbox/release-held-mail";
import {
  queueProviderRevocation,
  type QueuedRevocation,
  type RevokingConfiguration,
} from "@/lib/revocation/queue-provider-revocation";
import { askProviderNow } from "@/lib/revocation/revoke-connection";
import type { auditActorOf } from "./audit-actor";
import { FlowRefusal } from "./flow-refusal";
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

/** The mailbox's row, locked until the commit: a move or a new delegate waits for the grant, or the grant for them. */
async function lockMailbox(tx: DbTransaction, input: StoreConnectionInput) {
  const [row] = await tx.$queryRaw<
    { clientConfigurationId: string; delegateAccount: string | null; refreshTokenCipher: string | null }[]
  >`
    SELECT "clientConfigurationId"::text AS "clientConfigurationId", "delegateAccount", "refreshTokenCipher"
      FROM "Mailbox"
     WHERE id = ${input.mailboxId}::uuid AND "tenantId" = ${input.tenantId}::uuid
       FOR UPDATE`;
  if (!row) throw new FlowRefusal({ outcome: "not_found" });
  return row;
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
 * configuration, or given another delegate, while its owner was authorizing,
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
    if (current.clientConfigurationId !== input.issuedTo.configuration.id) {
      return { changed: "connect.result.configChanged" as const, queued: await withdrawUnstored(tx, input) };
    }
    if (current.delegateAccount !== input.issuedTo.delegateAccount) {
      return {
        changed: "connect.result.delegateChanged" as const,
        queued: await withdrawUnstored(tx, input),
      };
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
    return { changed: null, hasRefreshToken };
  });
  if (stored.changed === null) return { hasRefreshToken: stored.hasRefreshToken };
  // Asked at once, as a revocation does; if the provider cannot be reached, the workers ask again.
  await askProviderNow(tenantId, stored.queued);
  throw new FlowRefusal({ outcome: "config_unusable", reasonKey: stored.changed });
}
