import { decryptSecret, SecretDecryptError } from "@/lib/crypto/secret-box";
import { accessTokenAad } from "./token-aad";

/** Refresh this long before expiry, so that a token never dies between the check and the SMTP exchange. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * A token that lives less than four margins (a provider or test set-up
 * issuing minutes- or seconds-long tokens) gets a quarter of its lifetime as
 * its margin instead: a fixed margin longer than the lifetime would refresh
 * before every mail.
 */
const MARGIN_SHARE_OF_LIFETIME = 1 / 4;
/** When a provider gave no expires_in: access tokens commonly live an hour. */
export const ASSUMED_ACCESS_TOKEN_SECONDS = 3600;

export type LiveAccessToken = {
  /** In clear: for the SMTP exchange only, never for a log, an error or a page. */
  accessToken: string;
  expiresAt: Date;
  /** True when this call obtained it from the provider. */
  refreshed: boolean;
};

type TokenColumns = {
  id: string;
  state: string;
  accessTokenCipher: string | null;
  accessTokenExpiresAt: Date | null;
  lastRefreshAt: Date | null;
  connectedAt: Date | null;
};

/**
 * Access tokens already opened, by mailbox and ciphertext (a new token is a new
 * ciphertext): the worker reads the same token for every mail of a mailbox.
 * Bounded; in memory only, like the SMTP connections that use the tokens.
 */
const opened = new Map<string, string>();
const OPENED_MAX = 1000;

function open(row: TokenColumns & { accessTokenCipher: string }): string {
  const key = `${row.id}\n${row.accessTokenCipher}`;
  const known = opened.get(key);
  if (known !== undefined) return known;
  const token = decryptSecret(row.accessTokenCipher, accessTokenAad(row.id));
  if (opened.size >= OPENED_MAX) opened.clear();
  opened.set(key, token);
  return token;
}

/** How long before its expiry a token is replaced: the margin, or a quarter of a shorter-lived token's life. */
export function refreshMarginMs(
  row: Pick<TokenColumns, "lastRefreshAt" | "connectedAt">,
  expiresAt: Date,
): number {
  // The token was issued by the later of the last refresh and the last connection.
  const issuedAt = Math.max(row.lastRefreshAt?.getTime() ?? 0, row.connectedAt?.getTime() ?? 0);
  if (issuedAt === 0) return REFRESH_MARGIN_MS;
  const lifetime = expiresAt.getTime() - issuedAt;
  if (lifetime <= 0) return REFRESH_MARGIN_MS;
  return Math.min(REFRESH_MARGIN_MS, lifetime * MARGIN_SHARE_OF_LIFETIME);
}

function expiryOf(row: TokenColumns): Date | null {
  if (row.accessTokenExpiresAt) return row.accessTokenExpiresAt;
  const issuedAt = row.lastRefreshAt ?? row.connectedAt;
  return issuedAt ? new Date(issuedAt.getTime() + ASSUMED_ACCESS_TOKEN_SECONDS * 1000) : null;
}

/** The stored access token when the connection is usable and the token outlives the margin; else null. */
export function liveAccessToken(row: TokenColumns, now: Date): LiveAccessToken | null {
  if (row.state !== "connected" || !row.accessTokenCipher) return null;
  const expiresAt = expiryOf(row);
  if (!expiresAt || expiresAt.getTime() - refreshMarginMs(row, expiresAt) <= now.getTime()) return null;
  try {
    return {
      accessToken: open({ ...row, accessTokenCipher: row.accessTokenCipher }),
      expiresAt,
      refreshed: false,
    };
  } catch (error) {
    // An access token no key opens is simply replaced by a refresh.
    if (error instanceof SecretDecryptError) return null;
    throw error;
  }
}
