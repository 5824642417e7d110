import { recordAudit } from "@/lib/audit/record-audit";
import { resolveClientCredentials, type ClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { decryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import type { PendingRevocation } from "@/lib/db/generated/client";
import { systemActor } from "@/lib/audit/system-actor";
import { callRevocationEndpoint, type TokenTypeHint } from "./call-revocation-endpoint";
import { pendingRevocationTokenAad } from "./pending-revocation-aad";
import { PlatformUnavailableError, SecretUnreadableError } from "@/lib/clients/client-errors";

export const MAX_REVOCATION_ATTEMPTS = 10;
const FIRST_RETRY_MS = 5 * 60_000;
const LONGEST_RETRY_MS = 12 * 3600_000;

/** done: withdrawn; retry: asked again later; refused: the provider said no; given_up: no answer to be had. */
export type RevocationAttempt = "done" | "retry" | "refused" | "given_up";

type Client = Pick<ClientCredentials, "clientId" | "clientSecret">;

function retryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

/**
 * The client that authenticates the request: the record's configuration as it
 * is now, read within the record's tenant (a rotated secret is the one the
 * provider accepts now). Older records name none: asked without. A deleted
 * configuration, or one pointed at another client since, cannot speak for the
 * token's client: a code saying so.
 */
async function clientOf(record: PendingRevocation): Promise<Client | null | { failure: string }> {
  if (!record.clientConfigurationId) return null;
  const db = await getDb();
  const config = await db.clientConfiguration.findFirst({
    where: { id: record.clientConfigurationId, tenantId: record.tenantId },
  });
  if (!config) return { failure: "configuration_deleted" };
  try {
    const credentials = resolveClientCredentials(config);
    if (record.clientId !== null && credentials.clientId !== record.clientId)
      return { failure: "client_changed" };
    return credentials;
  } catch (error) {
    if (error instanceof SecretUnreadableError) {
      return { failure: "secret_unreadable" };
    }
    if (error instanceof PlatformUnavailableError) {
      return { failure: "platform_unavailable" };
    }
    throw error;
  }
}

/**
 * Asks the provider to withdraw one pending revocation's grant, the client
 * authenticated as at its token endpoint and the token's type hinted. Done,
 * refused for good, or out of attempts: the record (and its token) is
 * deleted, and a refusal is kept on the revoked mailbox with its code, for its
 * page to tell the owner what to do at the provider. Unreachable: it waits,
 * with a growing delay.
 */
export async function attemptPendingRevocation(
  record: PendingRevocation,
  now = new Date(),
): Promise<RevocationAttempt> {
  const db = await getDb();
  const where = { id: record.id, tenantId: record.tenantId };
  let token: string;
  try {
    token = decryptSecret(record.tokenCipher, pendingRevocationTokenAad(record.id));
  } catch (error) {
    if (!(error instanceof SecretDecryptError)) throw error;
    return giveUp(record, "token_unreadable", "given_up");
  }
  const client = await clientOf(record);
  if (client && "failure" in client) return giveUp(record, client.failure, "given_up");
  const tokenTypeHint: TokenTypeHint =
    record.tokenTypeHint === "access_token" ? "access_token" : "refresh_token";
  const answer = await callRevocationEndpoint(record.endpoint, { token, tokenTypeHint, client });
  if (answer.kind === "done") {
    await db.$transaction(async (tx) => {
      await tx.pendingRevocation.deleteMany({ where });
      await tx.mailbox.updateMany({
        where: {
          id: record.mailboxId,
          tenantId: record.tenantId,
          state: "revoked",
          providerRevocation: "pending",
        },
        data: { providerRevocation: null, providerRevocationCode: null },
      });
    });
    return "done";
  }
  const attempts = record.attempts + 1;
  if (answer.kind === "refused") return giveUp(record, answer.code, "refused");
  if (attempts >= MAX_REVOCATION_ATTEMPTS) return giveUp(record, answer.code, "given_up");
  await db.pendingRevocation.updateMany({
    where,
    data: {
      attempts,
      lastErrorCode: answer.code,
      nextAttemptAt: new Date(now.getTime() + retryDelay(attempts)),
    },
  });
  return "retry";
}

async function giveUp(
  record: PendingRevocation,
  code: string,
  result: "refused" | "given_up",
): Promise<RevocationAttempt> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.pendingRevocation.deleteMany({ where: { id: record.id, tenantId: record.tenantId } });
    // Still revoked and not connected again since: its page says what to do at the provider.
    await tx.mailbox.updateMany({
      where: {
        id: record.mailboxId,
        tenantId: record.tenantId,
        state: "revoked",
        providerRevocation: "pending",
      },
      data: {
        providerRevocation: result === "refused" ? "refused" : "unconfirmed",
        providerRevocationCode: code,
      },
    });
    await recordAudit(
      tx,
      { ...systemActor, tenantId: record.tenantId },
      {
        action: "mailbox.provider_revocation_failed",
        targetType: "mailbox",
        targetId: record.mailboxId,
        details: { code, attempts: record.attempts + 1 },
      },
    );
  });
  return result;
}
