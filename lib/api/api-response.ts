import { DomainError, type ErrorCode } from "@/lib/auth/errors";
import { createTranslator } from "@/lib/i18n/translate";

/** An error of the API itself (authentication, body, route), with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
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

export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: noStore });
}

/**
 * `{ error: { code, message, fields? } }` in English (an API has no reader's
 * language). An unexpected error becomes a 500 with an id to find it in the
 * log; neither its message nor its stack reaches the caller.
 */
export function apiErrorResponse(error: unknown): Response {
  if (error instanceof ApiError)
    return apiJson({ error: { code: error.code, message: error.message } }, error.status);
  if (error instanceof DomainError) {
    const t = createTranslator("en");
    const fields = error.fieldErrors
      ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, t(key)]))
      : undefined;
    const message = fields
      ? Object.entries(fields)
          .map(([field, text]) => `${field}: ${text}`)
          .join(" ")
      : t(error.messageKey, error.vars);
    return apiJson(
      { error: { code: error.code, message, ...(fields ? { fields } : {}) } },
      statusOf[error.code],
    );
  }
  const reference = crypto.randomUUID();
  console.error(`[api] unexpected error ${reference}: ${(error as Error)?.name ?? "error"}`);
  return apiJson(
    { error: { code: "internal", message: `Something went wrong (reference ${reference}).` } },
    500,
  );
}
