/**
 * Every request the portal serves has an id (proxy.ts): on the request, where
 * route handlers and actions read it for their log entries, on the response,
 * and in the "reference" of an unexpected error's answer. A reverse proxy's
 * own id is kept when it is a short plain token; anything else is replaced,
 * so that a client cannot write what it likes into the logs.
 */
export const REQUEST_ID_HEADER = "x-request-id";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function validRequestId(value: string | null | undefined): string | null {
  return typeof value === "string" && SAFE_REQUEST_ID.test(value) ? value : null;
}

/** 16 hexadecimal digits: unique enough to find one request in the logs, short enough to read out. */
export function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
}

/** The id of a request arriving with `incoming` in its X-Request-Id header. */
export function requestIdFor(incoming: string | null): string {
  return validRequestId(incoming) ?? newRequestId();
}

/** The id proxy.ts set on this request, if it went through it. */
export function requestIdOf(request: { headers: Headers }): string | undefined {
  return validRequestId(request.headers.get(REQUEST_ID_HEADER)) ?? undefined;
}
