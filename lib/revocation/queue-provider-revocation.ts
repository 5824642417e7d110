import { randomUUID } from "node:crypto";
import { decryptSecret, encryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import type { DbTransaction } from "@/lib/db/client";
import type { Mailbox } from "@/lib/db/generated/client";
import type { ProviderRevocationOutcome } from "@/lib/db/generated/enums";
import { accessTokenAad, refreshTokenAad } from "@/lib/tokens/token-aad";
import type { ProviderKind } from "@/lib/oauth/presets";
import type { TokenTypeHint } from "./call-revocation-endpoint";
import { pendingRevocationTokenAad } from "./pending-revocation-aad";

type MailboxTokens = Pick<Mailbox, "id" | "tenantId" | "refreshTokenCipher" | "accessTokenCipher">;

/** The configuration the grant was given to: its client authenticates the revocation. */
export type RevokingConfiguration = {
  id: string;
  provider: ProviderKind;
  clientId: string;
  revocationEndpoint: string | null;
};

export interface QueuedRevocation {
  pendingId: string | null;
  hadEndpoint: boolean;
  /** The mailbox held a token: there is a grant at the provider to withdraw. */
  hadToken: boolean;
}

function storedToken(mailbox: MailboxTokens): { token: string; hint: TokenTypeHint } | null {
  const [cipher, aad, hint] = mailbox.refreshTokenCipher
    ? [mailbox.refreshTokenCipher, refreshTokenAad(mailbox.id), "refresh_token" as const]
    : [mailbox.accessTokenCipher, accessTokenAad(mailbox.id), "access_token" as const];
  if (!cipher) return null;
  try {
    return { token: decryptSecret(cipher, aad), hint };
  } catch (error) {
    // A token no key opens cannot be sent to the provider either; it is erased all the same.
    if (error instanceof SecretDecryptError) return null;
    throw error;
  }
}

/** What the mailbox keeps of the provider's side right after its tokens were erased (see its page). */
export function providerRevocationAfterQueue(queued: QueuedRevocation): ProviderRevocationOutcome | null {
  if (queued.pendingId) return "pending";
  return !queued.hadEndpoint && queued.hadToken ? "no_endpoint" : null;
}

/**
 * In the transaction that erases a mailbox's tokens (revoking it, deleting it):
 * the token to withdraw at the provider, kept in a pending revocation under
 * its own key binding with its type (`token_type_hint`) and the configuration
 * and client it was issued to (read again, within the tenant, to authenticate
 * every attempt), so that the provider is asked after the commit and, if
 * unreachable, again later (retryPendingRevocations). Microsoft has no
 * revocation endpoint: the person removes the application.
 */
export async function queueProviderRevocation(
  tx: DbTransaction,
  mailbox: MailboxTokens,
  configuration: RevokingConfiguration,
): Promise<QueuedRevocation> {
  const hadToken = mailbox.refreshTokenCipher !== null || mailbox.accessTokenCipher !== null;
  const endpoint = configuration.provider === "platform_microsoft" ? null : configuration.revocationEndpoint;
  const stored = endpoint ? storedToken(mailbox) : null;
  if (!endpoint || !stored) return { pendingId: null, hadEndpoint: Boolean(endpoint), hadToken };
  const pendingId = randomUUID();
  await tx.pendingRevocation.create({
    data: {
      id: pendingId,
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      endpoint,
      clientConfigurationId: configuration.id,
      clientId: configuration.clientId,
      tokenTypeHint: stored.hint,
      tokenCipher: encryptSecret(stored.token, pendingRevocationTokenAad(pendingId)),
      nextAttemptAt: new Date(),
    },
  });
  return { pendingId, hadEndpoint: true, hadToken };
}
