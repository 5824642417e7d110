import type { ApiAnswer } from "./graph-answers";

interface GmailErrorShape {
  code: number;
  status: string;
  message: string;
  domain: string;
  reason: string;
}

/** The Gmail API errors the fake answers, exported so that tests can match them. */
export const GMAIL_ERRORS = {
  unauthenticated: {
    code: 401,
    status: "UNAUTHENTICATED",
    message:
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
    domain: "global",
    reason: "authError",
  },
  insufficientScopes: {
    code: 403,
    status: "PERMISSION_DENIED",
    message: "Request had insufficient authentication scopes.",
    domain: "global",
    reason: "insufficientPermissions",
  },
  delegationDenied: {
    code: 403,
    status: "PERMISSION_DENIED",
    message: "Delegation denied for {account}",
    domain: "global",
    reason: "forbidden",
  },
  userRateLimitExceeded: {
    code: 429,
    status: "RESOURCE_EXHAUSTED",
    message: "User-rate limit exceeded.  Retry after {retryAt}",
    domain: "usageLimits",
    reason: "userRateLimitExceeded",
  },
  rateLimitExceeded: {
    code: 429,
    status: "RESOURCE_EXHAUSTED",
    message: "Rate Limit Exceeded",
    domain: "usageLimits",
    reason: "rateLimitExceeded",
  },
  unavailable: {
    code: 503,
    status: "UNAVAILABLE",
    message: "The service is currently unavailable.",
    domain: "global",
    reason: "backendError",
  },
  dailyLimitExceeded: {
    code: 403,
    status: "PERMISSION_DENIED",
    message: "Daily user sending limit exceeded.",
    domain: "usageLimits",
    reason: "dailyLimitExceeded",
  },
  rawRequired: {
    code: 400,
    status: "INVALID_ARGUMENT",
    message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
    domain: "global",
    reason: "invalidArgument",
  },
  invalidRaw: {
    code: 400,
    status: "INVALID_ARGUMENT",
    message: "Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed",
    domain: "global",
    reason: "invalid",
  },
  invalidJson: {
    code: 400,
    status: "INVALID_ARGUMENT",
    message: "Invalid JSON payload received.",
    domain: "global",
    reason: "invalid",
  },
  noRecipients: {
    code: 400,
    status: "INVALID_ARGUMENT",
    message: "Recipient address required",
    domain: "global",
    reason: "invalidArgument",
  },
  tooLarge: {
    code: 413,
    status: "INVALID_ARGUMENT",
    message: "Request payload size exceeds the limit: 52428800 bytes.",
    domain: "global",
    reason: "badRequest",
  },
  notFound: {
    code: 404,
    status: "NOT_FOUND",
    message: "Method not found.",
    domain: "global",
    reason: "notFound",
  },
} as const satisfies Record<string, GmailErrorShape>;

export type GmailErrorName = keyof typeof GMAIL_ERRORS;

/** A Google API error answer: `{"error":{"code","message","errors":[{message,domain,reason}],"status"}}`. */
export function gmailError(
  name: GmailErrorName,
  fill: Record<string, string> = {},
  headers: Record<string, string> = {},
): ApiAnswer {
  const shape = GMAIL_ERRORS[name];
  const message = shape.message.replace(/\{(\w+)\}/g, (_, key: string) => fill[key] ?? "");
  const error: Record<string, unknown> = {
    code: shape.code,
    message,
    errors: [{ message, domain: shape.domain, reason: shape.reason }],
    status: shape.status,
  };
  if (name === "insufficientScopes") {
    error.details = [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
        domain: "googleapis.com",
        metadata: { service: "gmail.googleapis.com", method: "caribou.api.proto.MailboxService.SendMessage" },
      },
    ];
  }
  const challenge: Record<string, string> =
    name === "unauthenticated"
      ? { "WWW-Authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' }
      : name === "insufficientScopes"
        ? {
            "WWW-Authenticate":
              'Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="https://www.googleapis.com/auth/gmail.send"',
          }
        : {};
  return { status: shape.code, headers: { ...challenge, ...headers }, body: { error } };
}
