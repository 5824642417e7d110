/** The failures a fake provider can answer at its token or device endpoint, independent of wording. */
export type TokenErrorKind =
  | "unknown_client"
  | "bad_secret"
  | "secret_expired"
  | "secret_required"
  | "public_client_secret"
  | "code_invalid"
  | "code_redeemed"
  | "code_expired"
  | "refresh_invalid"
  | "refresh_expired"
  | "refresh_revoked"
  | "refresh_reused"
  | "consent_required"
  | "admin_consent_required"
  | "pkce_mismatch"
  | "redirect_mismatch"
  | "authorization_pending"
  | "slow_down"
  | "access_denied"
  | "expired_token"
  | "invalid_scope"
  | "unsupported_grant_type"
  | "invalid_request"
  | "tenant_not_found";

export interface TokenErrorContext {
  clientId?: string;
  clientName?: string;
  directory?: string;
  grantType?: string;
  scope?: string;
  detail?: string;
  /** When the refused grant or token was issued (epoch seconds). */
  issuedAt?: number;
}

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Either provider's wording of a token endpoint failure. */
export type TokenErrorFormatter = (kind: TokenErrorKind, context: TokenErrorContext) => HttpAnswer;
