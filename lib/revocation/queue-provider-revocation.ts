import { randomUUID } from "node:crypto";
import { decryptSecret, encryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import type { DbTransaction } from "@/lib/db/client";
import type { Mailbox } from "@/lib/db/generated/client";
import { accessTokenAad, refreshTokenAad } from "@/lib/oauth-flow/token-aad";
import type { ProviderKind } from "@/lib/oauth/presets";
import { pendingRevocationTokenAad } from "./pending-revocation-aad";

type MailboxTokens = Pick<Mailbox, "id" | "tenantId" | "refreshTokenCipher" | "accessTokenCipher">;

function storedToken(mailbox: MailboxTokens): string | null {
  const [cipher, aad] = mailbox.refreshTokenCipher
    ? [mailbox.refreshTokenCipher, refreshTokenAad(mailbox.id)]
    : [mailbox.accessTokenCipher, accessTokenAad(mailbox.id)];
  if (!cipher) return null;
  try {
    return decryptSecret(cipher, aad);
  } catch (error) {
    // A token no key opens cannot be sent to the provider either; it is erased all the same.
    if (error instanceof SecretDecryptError) return null;
    throw error;
  }
}

/**
 * In the transaction that erases a mailbox's tokens (revoking it, deleting it):
 * the token to withdraw at the provider, kept in a pending revocation under
 * its own key binding, so that the provider is asked after the commit and, if
 * unreachable, again later (retryPendingRevocations). Microsoft's platform
 * application has no revocation endpoint: the person removes the application.
 */
export async function queueProviderRevocation(
  tx: DbTransaction,
  mailbox: MailboxTokens,
  configuration: { provider: ProviderKind; revocationEndpoint: string | null },
): Promise<{ pendingId: string | null; hadEndpoint: boolean }> {
  const endpoint = configuration.provider === "platform_microsoft" ? null : configuration.revocationEndpoint;
  const token = endpoint ? storedToken(mailbox) : null;
  if (!endpoint || !token) return { pendingId: null, hadEndpoint: Boolean(endpoint) };
  const pendingId = randomUUID();
  await tx.pendingRevocation.create({
    data: {
      id: pendingId,
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      endpoint,
      tokenCipher: encryptSecret(token, pendingRevocationTokenAad(pendingId)),
      nextAttemptAt: new Date(),
    },
  });
  return { pendingId, hadEndpoint: true };
}
