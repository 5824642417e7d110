import http from "node:http";
import https from "node:https";
import { createGuardedLookup, systemResolver, type HostResolver } from "./guarded-lookup";
import { localProvidersAllowed } from "./outbound-settings";
import { OutboundRefusedError } from "./outbound-refused-error";
import { checkOutboundTarget } from "./outbound-target";

export type SafeFetchInit = { method?: string; headers?: Record<string, string>; body?: string };

export type SafeFetchOptions = {
  /** Defaults to RELAIS_ALLOW_LOCAL_PROVIDERS from the environment. */
  allowLocalProviders?: boolean;
  /** Defaults to the system resolver; tests pass fake answers. */
  lookup?: HostResolver;
  /** Response body limit in bytes (default 256 KiB). */
  maxBytes?: number;
  /** Limit for the whole exchange, connect to last byte (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
};

export type SafeResponse = { status: number; headers: Record<string, string>; body: string };

const DEFAULT_MAX_BYTES = 256 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/**
 * Calls a URL a tenant typed (token, device, revocation endpoints) under the
 * rules in docs/outbound-http.md: https only, public addresses only (checked
 * on the addresses the socket connects to), no redirects, bounded size and time.
 * Throws OutboundRefusedError; any status that is not a redirect is returned.
 */
export async function safeFetch(
  input: string | URL,
  init: SafeFetchInit = {},
  options: SafeFetchOptions = {},
): Promise<SafeResponse> {
  const allowLocal = options.allowLocalProviders ?? localProvidersAllowed();
  const { url, policy, literalAddress } = checkOutboundTarget(input, allowLocal);
  const host = url.hostname;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const body = init.body === undefined ? undefined : Buffer.from(init.body, "utf8");
  const headers = { ...init.headers, ...(body ? { "content-length": String(body.length) } : {}) };

  return new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { response: SafeResponse } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if ("response" in outcome) return resolve(outcome.response);
      request.destroy();
      reject(refusalOf(outcome.error));
    };
    const fail = (error: unknown) => settle({ error });
    const onAbort = () => fail(signal.reason);
    const refusalOf = (error: unknown) => {
      if (error instanceof OutboundRefusedError) return error;
      if (timeout.aborted) return new OutboundRefusedError("timeout", host);
      if (options.signal?.aborted) return options.signal.reason;
      return new OutboundRefusedError(
        "connect_failed",
        host,
        (error as NodeJS.ErrnoException | undefined)?.code,
      );
    };

    const request = (url.protocol === "https:" ? https : http).request({
      protocol: url.protocol,
      // An IP-literal host was checked above and never goes through lookup.
      hostname: literalAddress ?? host,
      servername: literalAddress ? undefined : host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: init.method ?? "GET",
      headers,
      // A fresh socket per call: nothing reuses a connection checked for another call.
      agent: false,
      lookup: createGuardedLookup(options.lookup ?? systemResolver, policy),
      signal,
    });

    request.on("error", fail);
    // The limits hold even when the socket dies without a word (no error, no response).
    signal.addEventListener("abort", onAbort, { once: true });
    request.on("close", () => fail(new Error("connection closed before a complete response")));
    request.on("response", (response) => {
      response.on("error", fail);
      response.on("aborted", () => fail(new Error("response aborted")));
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        return fail(new OutboundRefusedError("redirect_refused", host, String(status)));
      }
      if (Number(response.headers["content-length"] ?? 0) > maxBytes) {
        return fail(new OutboundRefusedError("too_large", host));
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) return fail(new OutboundRefusedError("too_large", host));
        chunks.push(chunk);
      });
      response.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        settle({ response: { status, headers: flattenHeaders(response.headers), body } });
      });
    });
    request.end(body);
  });
}
