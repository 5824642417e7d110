import type { TokenErrorKind } from "./token-error";

export interface ProviderErrorBody {
  error?: unknown;
  error_description?: unknown;
}

const PASSTHROUGH = new Set<TokenErrorKind>([
  "authorization_pending",
  "slow_down",
  "access_denied",
  "expired_token",
  "invalid_scope",
  "unsupported_grant_type",
]);

/**
 * Turns an error oidc-provider answered (with the detail it keeps out of the response) into the
 * failure the fakes then word like the real provider.
 */
export function classifyProviderError(
  body: ProviderErrorBody,
  detail: string | undefined,
  grantType: string,
): { kind: TokenErrorKind; detail?: string } {
  const error = typeof body.error === "string" ? body.error : "invalid_request";
  const description = typeof body.error_description === "string" ? body.error_description : undefined;
  const text = detail ?? description ?? "";
  if (PASSTHROUGH.has(error as TokenErrorKind)) return { kind: error as TokenErrorKind, detail: description };
  if (error === "invalid_client") return { kind: "bad_secret" };
  if (error !== "invalid_grant") return { kind: "invalid_request", detail: description };
  const refresh = grantType === "refresh_token";
  if (/code_verifier|code_challenge|pkce/i.test(text)) return { kind: "pkce_mismatch", detail: text };
  if (/redirect_uri/i.test(text)) return { kind: "redirect_mismatch" };
  if (/expired/i.test(text)) return { kind: refresh ? "refresh_expired" : "code_expired" };
  if (/grant not found|account not found/i.test(text))
    return { kind: refresh ? "refresh_revoked" : "code_invalid" };
  return { kind: refresh ? "refresh_invalid" : "code_invalid" };
}
