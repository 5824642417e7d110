import type { MessageKey } from "@/lib/i18n/catalog";

export type ConnectionErrorExplanation = {
  /** What happened, in plain words. */
  cause: MessageKey;
  /** What to do about it, and who can. */
  fix: MessageKey;
};

type Cause = keyof typeof CAUSE_FIX;

// cause → fix; both are keys under connections.causes / connections.fixes.
const CAUSE_FIX = {
  grantRevoked: "reconnect",
  idleExpired: "reconnect",
  interactionRequired: "reconnect",
  noRefreshToken: "reconnectOffline",
  tokenUnreadable: "reconnect",
  consentMissing: "adminConsent",
  secretInvalid: "fixSecret",
  secretExpired: "newSecret",
  secretRequired: "secretOrPublicClient",
  appNotFound: "checkApplication",
  unauthorizedClient: "checkApplication",
  platformUnavailable: "askOperator",
  secretUnreadable: "fixSecret",
  endpointRefused: "fixEndpoint",
  transient: "waitRetry",
  smtpAuthDisabled: "enableSmtpAuth",
  insufficientScope: "reconnectAllScopes",
  sendAsDenied: "grantSendAs",
  transportNeedsConsent: "reconnectForTransport",
  unknown: "retryOrReconnect",
} as const;

const CODE_CAUSE: Record<string, Cause> = {
  invalid_grant: "grantRevoked",
  AADSTS70000: "grantRevoked",
  AADSTS50173: "grantRevoked",
  AADSTS700082: "idleExpired",
  AADSTS70008: "idleExpired",
  interaction_required: "interactionRequired",
  no_refresh_token: "noRefreshToken",
  token_unreadable: "tokenUnreadable",
  consent_required: "consentMissing",
  AADSTS65001: "consentMissing",
  AADSTS90094: "consentMissing",
  invalid_client: "secretInvalid",
  AADSTS7000215: "secretInvalid",
  AADSTS7000222: "secretExpired",
  AADSTS7000218: "secretRequired",
  AADSTS700016: "appNotFound",
  unauthorized_client: "unauthorizedClient",
  platform_unavailable: "platformUnavailable",
  secret_unreadable: "secretUnreadable",
  endpoint_refused: "endpointRefused",
  timeout: "transient",
  connect_failed: "transient",
  dns_failed: "transient",
  too_large: "transient",
  redirect_refused: "transient",
  server_error: "transient",
  temporarily_unavailable: "transient",
  rate_limited: "transient",
  busy: "transient",
  invalid_response: "transient",
  smtp_auth_disabled: "smtpAuthDisabled",
  send_as_denied: "sendAsDenied",
  transport_needs_consent: "transportNeedsConsent",
  insufficient_scope: "insufficientScope",
};

/**
 * A connection's last error code (lastErrorCode, a configuration's
 * brokenReason) in plain words with its fix, as catalog keys: for the
 * connection details, the mailbox lists and the notices.
 */
export function explainConnectionError(code: string | null | undefined): ConnectionErrorExplanation {
  const cause: Cause = !code
    ? "unknown"
    : (CODE_CAUSE[code] ?? (/^http_5\d\d$/.test(code) ? "transient" : "unknown"));
  return { cause: `connections.causes.${cause}`, fix: `connections.fixes.${CAUSE_FIX[cause]}` };
}
