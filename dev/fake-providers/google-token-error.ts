import type { HttpAnswer, TokenErrorContext, TokenErrorKind } from "./token-error";

const EXPIRED_OR_REVOKED = "Token has been expired or revoked.";

/** Google's token endpoint answers: terse descriptions, 428/403 for device polling. */
export function googleTokenError(kind: TokenErrorKind, context: TokenErrorContext): HttpAnswer {
  const answer = (status: number, error: string, description: string): HttpAnswer => ({
    status,
    body: { error, error_description: description },
  });
  switch (kind) {
    case "unknown_client":
      return answer(401, "invalid_client", "The OAuth client was not found.");
    case "bad_secret":
    case "secret_expired":
    case "public_client_secret":
      return answer(401, "invalid_client", "Unauthorized");
    case "secret_required":
      return answer(400, "invalid_request", "client_secret is missing.");
    case "code_invalid":
      return answer(400, "invalid_grant", "Malformed auth code.");
    case "code_redeemed":
    case "code_expired":
      return answer(400, "invalid_grant", "Bad Request");
    case "refresh_invalid":
    case "refresh_expired":
    case "refresh_revoked":
    case "refresh_reused":
    case "consent_required":
    case "admin_consent_required":
      return answer(400, "invalid_grant", EXPIRED_OR_REVOKED);
    case "pkce_mismatch":
      return answer(
        400,
        "invalid_grant",
        /must be provided/.test(context.detail ?? "") ? "Missing code verifier." : "Invalid code verifier.",
      );
    case "redirect_mismatch":
      return answer(400, "redirect_uri_mismatch", "Bad Request");
    case "authorization_pending":
      return answer(428, "authorization_pending", "Precondition Required");
    case "slow_down":
      return answer(403, "slow_down", "Forbidden");
    case "access_denied":
      return answer(403, "access_denied", "Forbidden");
    case "expired_token":
      return answer(400, "expired_token", "Bad Request");
    case "invalid_scope":
      return answer(400, "invalid_scope", context.detail ?? `Invalid scope: ${context.scope ?? ""}`.trim());
    case "unsupported_grant_type":
      return answer(400, "unsupported_grant_type", `Invalid grant_type: ${context.grantType ?? ""}`.trim());
    case "invalid_request":
    case "tenant_not_found":
      return answer(400, "invalid_request", context.detail ?? "Bad Request");
  }
}
