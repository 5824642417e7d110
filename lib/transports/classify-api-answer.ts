import { ApiSendError } from "./api-send-error";

/**
 * What a refused send means (docs/transports.md). Besides SMTP's kinds:
 * throttled, the mailbox waits for Retry-After while others flow;
 * send_as_denied, the account may not send as the address (the mail is
 * held with the fix); scope, the grant lacks the API's permission (the
 * mailbox must re-consent).
 */
export type ApiVerdict =
  | { kind: "temporary" | "permanent" | "auth" | "quota"; code: number; response: string }
  | { kind: "throttled"; code: number; response: string; retryAfterMs: number }
  | { kind: "send_as_denied" | "scope"; code: number; response: string };

const QUOTA =
  /^(ErrorExceededMessageLimit|ErrorQuotaExceeded|ErrorSubmissionQuotaExceeded|dailyLimitExceeded|quotaExceeded)$/i;
const RATE = /^(rateLimitExceeded|userRateLimitExceeded|ApplicationThrottled|TooManyRequests)$/i;
const SEND_AS = /^(ErrorSendAsDenied|aliasNotVerified)$/i;
const SCOPE =
  /^(ErrorAccessDenied|PERMISSION_DENIED|insufficientPermissions|ACCESS_TOKEN_SCOPE_INSUFFICIENT)$/i;

const DEFAULT_WAIT_MS = 60_000;
const MAX_WAIT_MS = 3_600_000;

/** Sorts a Graph or Gmail API refusal, as classifySmtpAnswer does for SMTP. */
export function classifyApiAnswer(error: ApiSendError): ApiVerdict {
  const { status, providerCode: code, detail } = error;
  const response = `${status}${code ? ` ${code}` : ""}: ${detail}`.slice(0, 500);
  const named = code ?? "";
  if (status === 401) return { kind: "auth", code: status, response };
  if (QUOTA.test(named)) return { kind: "quota", code: status, response };
  if (SEND_AS.test(named) || /delegation denied/i.test(detail)) {
    return { kind: "send_as_denied", code: status, response };
  }
  if (status === 429 || status === 503 || (status === 403 && RATE.test(named))) {
    const wait = Math.min(Math.max(error.retryAfterMs ?? DEFAULT_WAIT_MS, 1_000), MAX_WAIT_MS);
    return { kind: "throttled", code: status, response, retryAfterMs: wait };
  }
  if (status === 403 && (SCOPE.test(named) || /insufficient authentication scopes/i.test(detail))) {
    return { kind: "scope", code: status, response };
  }
  if (status >= 500) return { kind: "temporary", code: status, response };
  return { kind: "permanent", code: status, response };
}

export { ApiSendError };
