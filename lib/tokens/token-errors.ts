import type { ConnectionState } from "@/lib/db/generated/enums";

/**
 * The provider could not be asked or did not answer usefully (timeout, 5xx,
 * 429, temporarily_unavailable, an answer that is not a token response). The
 * connection's state is unchanged; the caller retries later, with backoff.
 */
export class TransientTokenError extends Error {
  constructor(readonly code: string) {
    super(`Access token temporarily unavailable (${code})`);
    this.name = "TransientTokenError";
  }
}

/**
 * The connection cannot give an access token until a person acts: it needs
 * reconnecting, its configuration is broken, it was revoked or never
 * authorized. Mail for it is held, not failed.
 */
export class ConnectionUnavailableError extends Error {
  constructor(
    readonly state: ConnectionState,
    /** The failure's short code (e.g. "invalid_grant", "AADSTS7000222"), when there was one. */
    readonly code: string | null,
  ) {
    super(`Connection unavailable (${state}${code ? `: ${code}` : ""})`);
    this.name = "ConnectionUnavailableError";
  }
}
