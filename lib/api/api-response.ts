import { DomainError, type ErrorCode } from "@/lib/errors/domain-error";
import { newRequestId } from "@/lib/http/request-id";
import { createTranslator } from "@/lib/i18n/translate";
import { logger } from "@/lib/log/logger";

/** An error of the API itself (authentication, body, route), with its HTTP status and, for a body, its fields' errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const statusOf: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 422,
  conflict: 409,
  rate_limited: 429,
  expired: 410,
};

const noStore = { "Cache-Control": "no-store" };

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

/**
 * An answer of the API before it is written: its status and JSON body. The
 * routes turn it into a Response (`replyResponse`); the submission's fast path
 * writes it to Node's response itself (lib/api/api-fast-path.ts).
 */
export type ApiReply = { status: number; body: unknown };

export function replyResponse(reply: ApiReply): Response {
  return apiJson(reply.body, reply.status);
}

/** 204: done, nothing to say. */
export function apiNoContent(): Response {
  return new Response(null, { status: 204, headers: noStore });
}

export type ApiErrorBody = { code: string; message: string; fields?: Record<string, string> };

/** An expected error as the API says it, in English: its code, its message, its fields' messages. */
export function apiErrorBody(error: ApiError | DomainError): ApiErrorBody {
  if (error instanceof ApiError)
    return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  const t = createTranslator("en");
  const fields = error.fieldErrors
    ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, t(key)]))
    : undefined;
  const message = fields
    ? Object.entries(fields)
        .map(([field, text]) => `${field}: ${text}`)
        .join(" ")
    : t(error.messageKey, error.vars);
  return { code: error.code, message, ...(fields ? { fields } : {}) };
}

/**
 * `{ error: { code, message, fields? } }` in English (an API has no reader's
 * language). An unexpected error becomes a 500 whose reference is the
 * request's id, to find it in the log; neither its message nor its stack
 * reaches the caller.
 */
export function apiErrorResponse(
  error: unknown,
  context: { requestId?: string; tenantId?: string } = {},
): Response {
  return replyResponse(apiErrorReply(error, context));
}

/** apiErrorResponse's answer, not yet written. */
export function apiErrorReply(
  error: unknown,
  context: { requestId?: string; tenantId?: string } = {},
): ApiReply {
  if (error instanceof ApiError) return { status: error.status, body: { error: apiErrorBody(error) } };
  if (error instanceof DomainError)
    return { status: statusOf[error.code], body: { error: apiErrorBody(error) } };
  const reference = context.requestId ?? newRequestId();
  logger().error(
    { requestId: reference, tenantId: context.tenantId, err: error },
    "API request failed unexpectedly",
  );
  return {
    status: 500,
    body: { error: { code: "internal", message: `Something went wrong (reference ${reference}).` } },
  };
}
