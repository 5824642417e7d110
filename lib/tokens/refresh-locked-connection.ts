import { resolveClientCredentials, type ClientCredentials } from "@/lib/clients/resolve-client-credentials";
import { decryptSecret, encryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import type { DbTransaction } from "@/lib/db/client";
import type { ClientConfiguration, Mailbox } from "@/lib/db/generated/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { countRefresh } from "@/lib/metrics/metrics";
import { accessTokenAad, refreshTokenAad } from "./token-aad";
import { requestToken } from "./token-request";
import { ASSUMED_ACCESS_TOKEN_SECONDS, type LiveAccessToken } from "./live-access-token";
import { recordRefreshFailure, type RecordedFailure } from "./record-refresh-failure";
import { refusalFailure, responseFailure, type RefreshFailure } from "./refresh-failure";
import { afterUnknownErrorDays } from "./unknown-refresh-errors";
import { PlatformUnavailableError, SecretUnreadableError } from "@/lib/clients/client-errors";

export type LockedMailbox = Mailbox & { clientConfiguration: ClientConfiguration };

export type RefreshOutcome =
  | { kind: "token"; token: LiveAccessToken }
  | { kind: "unavailable"; state: ConnectionState; code: string | null }
  | {
      kind: "failed";
      failure: RefreshFailure;
      recorded: RecordedFailure;
      state: ConnectionState;
      clientConfigurationId: string;
    };

function credentialsOf(config: ClientConfiguration): ClientCredentials | RefreshFailure {
  try {
    return resolveClientCredentials(config);
  } catch (error) {
    if (error instanceof PlatformUnavailableError) {
      return { effect: "config_error", code: "platform_unavailable" };
    }
    if (error instanceof SecretUnreadableError) {
      return { effect: "config_error", code: "secret_unreadable" };
    }
    throw error;
  }
}

function refreshTokenOf(mailbox: LockedMailbox): string | RefreshFailure {
  if (!mailbox.refreshTokenCipher) return { effect: "needs_reconnect", code: "no_refresh_token" };
  try {
    return decryptSecret(mailbox.refreshTokenCipher, refreshTokenAad(mailbox.id));
  } catch (error) {
    if (error instanceof SecretDecryptError) return { effect: "needs_reconnect", code: "token_unreadable" };
    throw error;
  }
}

const stateAfter = (failure: RefreshFailure, before: ConnectionState): ConnectionState =>
  failure.effect === "needs_reconnect"
    ? "needs_reconnect"
    : failure.effect === "config_error"
      ? "config_error"
      : before;

/**
 * Asks the provider for a new access token with the stored refresh token,
 * while the caller holds the mailbox's row lock, and stores the answer in
 * the same transaction: the new access token, its expiry and, when the
 * provider rotated it (Microsoft always does), the new refresh token, so
 * that nobody can use the old one after the provider has replaced it.
 */
export async function refreshLockedConnection(
  tx: DbTransaction,
  mailbox: LockedMailbox,
): Promise<RefreshOutcome> {
  const fail = async (refusal: RefreshFailure): Promise<RefreshOutcome> => {
    const now = new Date();
    // An answer Relais does not know, repeated for days, becomes a state a person sees.
    const failure = afterUnknownErrorDays(refusal, mailbox.unknownErrorSince, now);
    countRefresh(failure.effect);
    const recorded = await recordRefreshFailure(tx, mailbox, failure, now);
    return {
      kind: "failed",
      failure,
      recorded,
      state: stateAfter(failure, mailbox.state),
      clientConfigurationId: mailbox.clientConfigurationId,
    };
  };
  const refreshToken = refreshTokenOf(mailbox);
  if (typeof refreshToken !== "string") return fail(refreshToken);
  const credentials = credentialsOf(mailbox.clientConfiguration);
  if ("effect" in credentials) return fail(credentials);

  const call = await requestToken(credentials, { grant_type: "refresh_token", refresh_token: refreshToken });
  if (!call.ok)
    return fail("refusal" in call ? refusalFailure(call.refusal) : responseFailure(call.status, call.body));

  const { tokens } = call;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + (tokens.expires_in ?? ASSUMED_ACCESS_TOKEN_SECONDS) * 1000);
  const rotated = tokens.refresh_token
    ? {
        refreshTokenCipher: encryptSecret(tokens.refresh_token, refreshTokenAad(mailbox.id)),
        // The old token's announced death says nothing about the new one's.
        refreshTokenExpiresAt: tokens.refresh_token_expires_in
          ? new Date(now.getTime() + tokens.refresh_token_expires_in * 1000)
          : null,
      }
    : {};
  const { count } = await tx.mailbox.updateMany({
    where: { id: mailbox.id, tenantId: mailbox.tenantId },
    data: {
      ...rotated,
      accessTokenCipher: encryptSecret(tokens.access_token, accessTokenAad(mailbox.id)),
      accessTokenExpiresAt: expiresAt,
      lastRefreshAt: now,
      lastErrorCode: null,
      lastErrorAt: null,
      unknownErrorSince: null,
      // A configuration fixed since: its connections work again.
      state: "connected",
    },
  });
  if (count !== 1) throw new Error("locked mailbox row vanished during its refresh");
  countRefresh("ok");
  return { kind: "token", token: { accessToken: tokens.access_token, expiresAt, refreshed: true } };
}
