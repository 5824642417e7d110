/** What an HTTP mail API answered instead of accepting a message; never holds a token. */
export class ApiSendError extends Error {
  constructor(
    /** The HTTP status, or null when no answer came (the guard's refusal is an OutboundRefusedError). */
    readonly status: number,
    /** The provider's error code: Graph's `error.code`, the Gmail API's first `errors[].reason` or `status`. */
    readonly providerCode: string | null,
    /** The provider's message, one line, bounded. */
    readonly detail: string,
    /** Retry-After, in milliseconds, when the answer had one. */
    readonly retryAfterMs: number | null,
  ) {
    super(`HTTP ${status}${providerCode ? ` ${providerCode}` : ""}: ${detail}`);
    this.name = "ApiSendError";
  }
}

type ErrorBody = {
  error?: {
    code?: string | number;
    message?: string;
    status?: string;
    errors?: { reason?: string; message?: string }[];
  };
};

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Reads a Graph or Gmail API error answer into an ApiSendError. */
export function apiSendErrorOf(status: number, body: string, headers: Record<string, string>): ApiSendError {
  let parsed: ErrorBody = {};
  try {
    parsed = JSON.parse(body) as ErrorBody;
  } catch {
    // Not JSON: the status says it all.
  }
  const error = parsed.error ?? {};
  const reason = error.errors?.[0]?.reason;
  const code = typeof error.code === "string" ? error.code : (reason ?? error.status ?? null);
  const detail = (error.message ?? body ?? "").split(/\r?\n/)[0]!.slice(0, 300) || `HTTP ${status}`;
  return new ApiSendError(status, code, detail, retryAfterMs(headers["retry-after"]));
}
