import { randomUUID } from "node:crypto";

export interface ApiAnswer {
  status: number;
  /** JSON body; absent: an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** The Graph error codes and messages the fake answers, exported so that tests can match them. */
export const GRAPH_ERRORS = {
  missingToken: { code: "InvalidAuthenticationToken", message: "Access token is empty." },
  expiredToken: {
    code: "InvalidAuthenticationToken",
    message: "Lifetime validation failed, the token is expired.",
  },
  invalidToken: { code: "InvalidAuthenticationToken", message: "Access token validation failure." },
  wrongAudience: {
    code: "InvalidAuthenticationToken",
    message: "Access token validation failure. Invalid audience.",
  },
  accessDenied: { code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again." },
  sendAsDenied: {
    code: "ErrorSendAsDenied",
    message:
      "The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account. Cannot submit message.",
  },
  concurrency: { code: "ApplicationThrottled", message: "Application is over its MailboxConcurrency limit." },
  throttled: {
    code: "TooManyRequests",
    message: "Too many requests. Retry after the delay in the Retry-After header.",
  },
  unavailable: {
    code: "serviceNotAvailable",
    message: "The service is temporarily unavailable. Retry after the delay in the Retry-After header.",
  },
  quota: {
    code: "ErrorExceededMessageLimit",
    message:
      "Sending quota exceeded: the mailbox has reached its message rate limit. Cannot submit message. (SubmissionQuotaExceededException)",
  },
  invalidBase64: {
    code: "ErrorMimeContentInvalidBase64String",
    message: "Invalid base64 string for MIME content.",
  },
  noRecipients: {
    code: "ErrorInvalidRecipients",
    message:
      "At least one recipient is not valid., A message can't be sent because it contains no recipients.",
  },
  notMime: {
    code: "UnableToDeserializePostBody",
    message:
      "were unable to deserialize (the fake Graph accepts sendMail in MIME only: Content-Type: text/plain)",
  },
  tooLarge: { code: "RequestBodyTooLarge", message: "The maximum request length supported is 4MB." },
  notFound: { code: "BadRequest", message: "Resource not found for the segment." },
  insufficientPrivileges: {
    code: "Authorization_RequestDenied",
    message: "Insufficient privileges to complete the operation.",
  },
  userNotFound: {
    code: "Request_ResourceNotFound",
    message: "Resource does not exist or one of its queried reference-property objects are not present.",
  },
  methodNotAllowed: { code: "BadRequest", message: "Unsupported HTTP method." },
} as const satisfies Record<string, { code: string; message: string }>;

export type GraphErrorName = keyof typeof GRAPH_ERRORS;

/** A Graph error answer: `{"error":{"code","message","innerError":{…}}}`. */
export function graphError(
  status: number,
  name: GraphErrorName,
  clientRequestId?: string,
  headers: Record<string, string> = {},
): ApiAnswer {
  const { code, message } = GRAPH_ERRORS[name];
  const requestId = randomUUID();
  return {
    status,
    headers: { "request-id": requestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ""),
          "request-id": requestId,
          "client-request-id": clientRequestId ?? requestId,
        },
      },
    },
  };
}

/** Graph's challenge on a 401. */
export const GRAPH_WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
