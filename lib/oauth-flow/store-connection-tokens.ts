import { recordAudit } from "@/lib/audit/record-audit";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getDb, type DbTransaction } from "@/lib/db/client";
import { releaseHeldMail } from "@/lib/outbox/release-held-mail";
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

/**
 * Stores a new grant on the mailbox's own row, in one transaction: tokens
 * encrypted and bound to the row, expiries, granted scopes, the account that
 * authorized, the state. The row keeps its id, history and queued mail. A
 * response without a refresh token keeps the stored one (Google answers a
 * reconnect without `prompt=consent` that way). Returns whether the mailbox
 * now holds a refresh token.
 */
export async function storeConnectionTokens(
  input: StoreConnectionInput,
): Promise<{ hasRefreshToken: boolean }> {
  const now = input.now ?? new Date();
  const { tokens, tenantId, mailboxId } = input;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await useConnectLink(tx, input, now);
    const current = await tx.mailbox.findFirst({
      where: { id: mailboxId, tenantId },
      select: { refreshTokenCipher: true },
    });
    if (!current) throw new FlowRefusal({ outcome: "not_found" });
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
    return { hasRefreshToken };
  });
}
