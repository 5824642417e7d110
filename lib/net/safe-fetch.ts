import http from "node:http";
import https from "node:https";
import type { AddressPolicy } from "./address-policy";
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
  /**
   * Reuse connections between calls (keep-alive) instead of a fresh socket per
   * call: for frequent calls to the same host (the mail APIs). Every new
   * connection is still checked in the guarded lookup; a reused one goes to
   * the address checked when it was opened. See docs/outbound-http.md.
   */
  keepAlive?: boolean;
};

export type SafeResponse = { status: number; headers: Record<string, string>; body: string };

const DEFAULT_MAX_BYTES = 256 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Pooled connections idle longer than this are closed (before the usual 5 s of servers, to avoid reusing one they close). */
const POOL_IDLE_MS = 4_000;

/**
 * Keep-alive agents, one per resolver, scheme and address policy: a pooled
 * connection serves only calls under the rules it was checked under (a
 * connection opened with the local-provider setting never serves a call
 * without it). Within an agent, connections are pooled per host and port, so
 * a call reuses only a connection opened for the same name. The agent's
 * `lookup` is the guarded one: the check runs for every connection it opens.
 */
const pools = new WeakMap<HostResolver, Map<string, http.Agent>>();

function pooledAgent(protocol: string, policy: AddressPolicy, resolve: HostResolver): http.Agent {
  let agents = pools.get(resolve);
  if (!agents) pools.set(resolve, (agents = new Map()));
  const key = `${protocol}|${policy.allowLoopback}|${policy.loopbackOnly}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = {
      keepAlive: true,
      timeout: POOL_IDLE_MS,
      scheduling: "lifo" as const,
      lookup: createGuardedLookup(resolve, policy),
    };
    agent = protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

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
 * A fresh socket per call unless `keepAlive`.
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
  // A timer cleared when the call ends, rather than AbortSignal.timeout: that one fires at its end
  // whatever became of the call, and builds a DOMException (stack included) for every call made.
  const timeout = new AbortController();
  const clock = setTimeout(() => timeout.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS).unref();
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
  const body = init.body === undefined ? undefined : Buffer.from(init.body, "utf8");
  const headers = { ...init.headers, ...(body ? { "content-length": String(body.length) } : {}) };
  const resolver = options.lookup ?? systemResolver;

  return new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { response: SafeResponse } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(clock);
      signal.removeEventListener("abort", onAbort);
      if ("response" in outcome) return resolve(outcome.response);
      request.destroy();
      reject(refusalOf(outcome.error));
    };
    const fail = (error: unknown) => settle({ error });
    const onAbort = () => fail(signal.reason);
    const refusalOf = (error: unknown) => {
      if (error instanceof OutboundRefusedError) return error;
      if (timeout.signal.aborted) return new OutboundRefusedError("timeout", host);
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
      // A fresh socket per call (nothing reuses a connection checked for another call), or a
      // pooled one opened, and checked, by an agent for this resolver, scheme and policy.
      agent: options.keepAlive ? pooledAgent(url.protocol, policy, resolver) : false,
      lookup: createGuardedLookup(resolver, policy),
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
