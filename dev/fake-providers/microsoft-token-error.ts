import { randomUUID } from "node:crypto";
import type { HttpAnswer, TokenErrorContext, TokenErrorKind } from "./token-error";

interface AadError {
  status: number;
  error: string;
  code: number;
  message: string;
}

function isoSeconds(epochSeconds: number | undefined): string {
  return new Date((epochSeconds ?? Date.now() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function describe(kind: TokenErrorKind, c: TokenErrorContext): AadError {
  const app = c.clientId ?? "";
  const bad = (code: number, message: string): AadError => ({
    status: 400,
    error: "invalid_grant",
    code,
    message,
  });
  switch (kind) {
    case "unknown_client":
      return {
        status: 400,
        error: "unauthorized_client",
        code: 700016,
        message: `Application with identifier '${app}' was not found in the directory '${c.directory ?? "organizations"}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      };
    case "bad_secret":
      return {
        status: 401,
        error: "invalid_client",
        code: 7000215,
        message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app}'.`,
      };
    case "secret_expired":
      return {
        status: 401,
        error: "invalid_client",
        code: 7000222,
        message: `The provided client secret keys for app '${app}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
      };
    case "secret_required":
      return {
        status: 401,
        error: "invalid_client",
        code: 7000218,
        message:
          "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      };
    case "public_client_secret":
      return {
        status: 401,
        error: "invalid_client",
        code: 700025,
        message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
      };
    case "code_invalid":
      return bad(70000, "The provided value for the 'code' parameter is not valid.");
    case "code_redeemed":
      return bad(
        54005,
        "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
      );
    case "code_expired":
      return bad(
        70008,
        "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
      );
    case "refresh_invalid":
      return bad(70000, "The provided value for the 'refresh_token' parameter is not valid.");
    case "refresh_expired":
      return bad(
        700082,
        `The refresh token has expired due to inactivity. The token was issued on ${isoSeconds(c.issuedAt)} and was inactive for 90.00:00:00.`,
      );
    case "refresh_revoked":
      return bad(
        50173,
        `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${isoSeconds(c.issuedAt)}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${isoSeconds(undefined)}'.`,
      );
    case "refresh_reused":
      return bad(
        70000,
        "The provided refresh token was already redeemed; the grant has been revoked (strict rotation).",
      );
    case "consent_required":
      return bad(
        65001,
        `The user or administrator has not consented to use the application with ID '${app}' named '${c.clientName ?? app}'. Send an interactive authorization request for this user and resource.`,
      );
    case "admin_consent_required":
      return bad(
        90094,
        `An administrator of ${c.directory ?? "organizations"} has set a policy that prevents you from granting '${c.clientName ?? app}' the permissions it is requesting. Contact an administrator of ${c.directory ?? "organizations"}, who can grant permissions to this app on your behalf.`,
      );
    case "pkce_mismatch":
      return bad(
        501481,
        "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
      );
    case "redirect_mismatch":
      return bad(
        70000,
        "The reply URL specified in the request does not match the reply URL used to obtain the authorization code.",
      );
    case "authorization_pending":
      return {
        status: 400,
        error: "authorization_pending",
        code: 70016,
        message: "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
      };
    case "slow_down":
      return { status: 400, error: "slow_down", code: 70016, message: "Polling too frequently. Slow down." };
    case "access_denied":
      return {
        status: 400,
        error: "authorization_declined",
        code: 65004,
        message: "User declined to consent to access the app.",
      };
    case "expired_token":
      return { status: 400, error: "expired_token", code: 70019, message: "Verification code expired." };
    case "invalid_scope":
      return {
        status: 400,
        error: "invalid_scope",
        code: 70011,
        message: `The provided value for the input parameter 'scope' is not valid. The scope '${c.scope ?? ""}' is not valid.`,
      };
    case "unsupported_grant_type":
      return {
        status: 400,
        error: "unsupported_grant_type",
        code: 70003,
        message: `The app requested an unsupported grant type '${c.grantType ?? ""}'.`,
      };
    case "invalid_request":
      return {
        status: 400,
        error: "invalid_request",
        code: 900144,
        message: c.detail ?? "The request is not valid.",
      };
    case "tenant_not_found":
      return {
        status: 400,
        error: "invalid_request",
        code: 90002,
        message: `Tenant '${c.directory ?? ""}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      };
  }
}

/** Microsoft identity platform error bodies: AADSTS code in the description and in error_codes. */
export function microsoftTokenError(kind: TokenErrorKind, context: TokenErrorContext): HttpAnswer {
  const { status, error, code, message } = describe(kind, context);
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}
