/**
 * NETWORK RULE: these tests never open a connection outside 127.0.0.0/8 and ::1.
 * Names that resolve elsewhere are answered by fake resolvers, and a guard on
 * net.Socket#connect destroys any socket about to reach another address
 * (recording it as a violation), so that even a broken safeFetch cannot connect out.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import type { LookupAddress } from "node:dns";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isLoopbackAddress } from "@/lib/net/address-guard";
import type { HostResolver } from "@/lib/net/guarded-lookup";
import { OutboundRefusedError, type OutboundRefusalReason } from "@/lib/net/outbound-refused-error";
import { checkOutboundTarget } from "@/lib/net/outbound-target";
import { assertOutboundSettingsSafeForProduction, localProvidersAllowed } from "@/lib/net/outbound-settings";
import { safeFetch } from "@/lib/net/safe-fetch";

type SocketEvents = {
  sockets: number;
  connects: number;
  lookups: { host: string; address?: string; error?: unknown }[];
  violations: string[];
};
const seen: SocketEvents = { sockets: 0, connects: 0, lookups: [], violations: [] };
const realConnect = net.Socket.prototype.connect;

function connectTarget(args: unknown[]): { host?: string } {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null) return first as { host?: string };
  return { host: typeof args[1] === "string" ? args[1] : undefined };
}

beforeAll(() => {
  // Typed loosely on purpose: connect has many overloads and we only pass the call through.
  const guard = function (this: net.Socket, ...args: unknown[]) {
    seen.sockets += 1;
    const { host } = connectTarget(args);
    if (host && net.isIP(host) && !isLoopbackAddress(host)) {
      seen.violations.push(host);
      this.destroy();
      return this;
    }
    this.prependListener(
      "lookup",
      (error: unknown, address: string | undefined, _family: unknown, name: string) => {
        seen.lookups.push({ host: name, address, error: error ?? undefined });
        if (address && !isLoopbackAddress(address)) {
          seen.violations.push(address);
          this.destroy();
        }
      },
    );
    this.once("connect", () => (seen.connects += 1));
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = guard as unknown as typeof net.Socket.prototype.connect;
});
afterAll(() => {
  net.Socket.prototype.connect = realConnect;
});
beforeEach(() => {
  Object.assign(seen, { sockets: 0, connects: 0, lookups: [], violations: [] });
});
afterEach(() => {
  expect(seen.violations).toEqual([]);
});

/** A resolver that answers from a table and never asks DNS. */
function fakeResolver(answers: Record<string, string[][]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const queue = answers[hostname];
    if (!queue || queue.length === 0) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    const next = queue.length > 1 ? queue.shift()! : queue[0]!;
    return next.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  };
  return Object.assign(resolver, { calls });
}

async function refusal(promise: Promise<unknown>): Promise<OutboundRefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OutboundRefusedError) return error;
    throw error;
  }
  throw new Error("expected an OutboundRefusedError");
}

async function reason(promise: Promise<unknown>): Promise<OutboundRefusalReason> {
  return (await refusal(promise)).reason;
}

const servers: http.Server[] = [];
async function listen(handler: http.RequestListener, host = "127.0.0.1"): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const local = { allowLocalProviders: true };
const strict = { allowLocalProviders: false };

describe("checks made before any socket exists", () => {
  it.each([
    ["http://127.0.0.1:9/token", strict, "not_https"],
    ["http://login.example.test/token", strict, "not_https"],
    ["ftp://example.test/token", local, "not_https"],
    ["file:///etc/passwd", local, "not_https"],
    ["not a url", strict, "invalid_url"],
    // Numeric spellings are refused whatever they denote, even public addresses.
    ["https://2130706433/token", local, "numeric_host"],
    ["https://0177.0.0.1/token", local, "numeric_host"],
    ["https://0x7f.0.0.1/token", local, "numeric_host"],
    ["https://127.1/token", local, "numeric_host"],
    ["https://134744072/token", strict, "numeric_host"],
    ["https://%31%32%37.0.0.1/token", local, "numeric_host"],
    ["https://１２７.0.0.1/token", local, "numeric_host"],
    ["https://user:pw@0x7f.1:8443/token", local, "numeric_host"],
    ["https://127.0.0.1./token", local, "numeric_host"],
    // IP-literal hosts that are not public
    ["https://127.0.0.1/token", strict, "blocked_address"],
    ["https://[::1]/token", strict, "blocked_address"],
    ["https://10.0.0.5/token", local, "blocked_address"],
    ["https://169.254.169.254/latest/meta-data/", local, "blocked_address"],
    ["https://[::ffff:127.0.0.1]/token", strict, "blocked_address"],
    ["https://[::ffff:a9fe:a9fe]/token", local, "blocked_address"],
    ["https://[64:ff9b::a9fe:a9fe]/token", local, "blocked_address"],
    ["https://[2002:a9fe:a9fe::]/token", local, "blocked_address"],
    ["https://[fe80::1]/token", local, "blocked_address"],
    ["https://[2001:db8::1]/token", strict, "blocked_address"],
    ["https://192.0.2.1/token", strict, "blocked_address"],
    // http is for loopback only, even with the setting on
    ["http://8.8.8.8/token", local, "not_https"],
    ["http://10.0.0.5/token", local, "blocked_address"],
  ] as const)("%s (%o) → %s", async (url, options, expected) => {
    const resolver = fakeResolver({});
    expect(await reason(safeFetch(url, {}, { ...options, lookup: resolver }))).toBe(expected);
    expect(seen.sockets).toBe(0);
    expect(resolver.calls).toEqual([]);
  });

  it("accepts a public IP literal and a name without resolving anything yet", () => {
    expect(checkOutboundTarget("https://93.184.215.14/token", false).literalAddress).toBe("93.184.215.14");
    expect(checkOutboundTarget("https://[2606:4700::1111]/x", false).literalAddress).toBe("2606:4700::1111");
    const named = checkOutboundTarget("https://oauth2.googleapis.com/token", false);
    expect(named.literalAddress).toBeNull();
    expect(named.policy).toEqual({ allowLoopback: false, loopbackOnly: false });
    expect(checkOutboundTarget("http://localhost:4000/token", true).policy).toEqual({
      allowLoopback: true,
      loopbackOnly: true,
    });
  });
});

describe("checks made at connect time, in the socket's lookup", () => {
  it("refuses names that resolve to private addresses before connecting", async () => {
    const resolver = fakeResolver({
      "rebind.test": [["10.0.0.5"], ["169.254.169.254"]],
      "mixed.test": [["93.184.215.14", "10.0.0.5"]],
      "v6.test": [["fd00::1"]],
      "mapped.test": [["::ffff:169.254.169.254"]],
    });
    const options = { ...strict, lookup: resolver };
    for (const url of [
      "https://rebind.test/token",
      "https://rebind.test/token",
      "https://mixed.test/token",
      "https://v6.test/token",
      "https://mapped.test/token",
    ]) {
      const error = await refusal(safeFetch(url, { method: "POST", body: "x" }, options));
      expect(error.reason).toBe("blocked_address");
    }
    expect(resolver.calls).toEqual(["rebind.test", "rebind.test", "mixed.test", "v6.test", "mapped.test"]);
    // Sockets were created, the refusal came out of their lookup, and none connected.
    expect(seen.sockets).toBe(5);
    expect(seen.lookups.map((lookup) => (lookup.error as OutboundRefusedError).reason)).toEqual(
      Array(5).fill("blocked_address"),
    );
    expect(seen.lookups.every((lookup) => lookup.address === undefined)).toBe(true);
    expect(seen.connects).toBe(0);
  });

  it("checks again on every call: a name that was fine becomes refused (DNS rebinding)", async () => {
    const port = await listen((_req, res) => res.end("ok"));
    const resolver = fakeResolver({ "rebind.test": [["127.0.0.1"], ["169.254.169.254"]] });
    const options = { ...local, lookup: resolver };
    expect((await safeFetch(`http://rebind.test:${port}/`, {}, options)).body).toBe("ok");
    expect(await reason(safeFetch(`http://rebind.test:${port}/`, {}, options))).toBe("blocked_address");
    expect(seen.connects).toBe(1);
  });

  it("refuses localhost when local providers are not allowed", async () => {
    const port = await listen((_req, res) => res.end("should not be reached"));
    const error = await refusal(safeFetch(`https://localhost:${port}/token`, {}, strict));
    expect(error.reason).toBe("blocked_address");
    expect(error.detail).toBe("loopback");
    expect(seen.connects).toBe(0);
  });

  it("refuses plain http to a name that resolves to a public address, even with the setting", async () => {
    const resolver = fakeResolver({ "provider.test": [["93.184.215.14"]] });
    expect(await reason(safeFetch("http://provider.test/token", {}, { ...local, lookup: resolver }))).toBe(
      "not_https",
    );
    expect(seen.connects).toBe(0);
  });

  it("reports names that do not resolve", async () => {
    const resolver = fakeResolver({ "empty.test": [[]] });
    expect(await reason(safeFetch("https://missing.test/", {}, { lookup: resolver }))).toBe("dns_failed");
    expect(await reason(safeFetch("https://empty.test/", {}, { lookup: resolver }))).toBe("dns_failed");
    expect(seen.connects).toBe(0);
  });
});

describe("exchanges with a local provider (loopback, setting on)", () => {
  it("posts the body and returns status, headers and body", async () => {
    let received = "";
    const port = await listen((req, res) => {
      req.on("data", (chunk: Buffer) => (received += chunk.toString()));
      req.on("end", () => {
        res.writeHead(400, { "content-type": "application/json", "x-trace": "abc" });
        res.end(
          JSON.stringify({ error: "invalid_grant", method: req.method, type: req.headers["content-type"] }),
        );
      });
    });
    const response = await safeFetch(
      `http://127.0.0.1:${port}/token`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=refresh_token&refresh_token=r%C3%A9",
      },
      local,
    );
    expect(received).toBe("grant_type=refresh_token&refresh_token=r%C3%A9");
    expect(response.status).toBe(400);
    expect(response.headers["x-trace"]).toBe("abc");
    expect(JSON.parse(response.body)).toEqual({
      error: "invalid_grant",
      method: "POST",
      type: "application/x-www-form-urlencoded",
    });
  });

  it("reaches ::1 and names that resolve to loopback", async () => {
    const port6 = await listen((_req, res) => res.end("six"), "::1");
    expect((await safeFetch(`http://[::1]:${port6}/`, {}, local)).body).toBe("six");
    const port4 = await listen((_req, res) => res.end("four"));
    const resolver = fakeResolver({ "fake-provider.test": [["127.0.0.1"]] });
    expect(
      (await safeFetch(`http://fake-provider.test:${port4}/`, {}, { ...local, lookup: resolver })).body,
    ).toBe("four");
  });

  it("refuses a redirect without following it", async () => {
    let targetHits = 0;
    const target = await listen((_req, res) => {
      targetHits += 1;
      res.end("followed");
    });
    const port = await listen((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${target}/` });
      res.end();
    });
    const error = await refusal(safeFetch(`http://127.0.0.1:${port}/token`, {}, local));
    expect(error.reason).toBe("redirect_refused");
    expect(error.detail).toBe("302");
    expect(targetHits).toBe(0);
  });

  it("aborts a body larger than the limit, announced or not", async () => {
    const mebibyte = Buffer.alloc(1024 * 1024, "a");
    const announced = await listen((_req, res) => {
      res.writeHead(200, { "content-length": String(mebibyte.length) });
      res.end(mebibyte);
    });
    const chunked = await listen((_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 16; i++) res.write(mebibyte.subarray(0, 64 * 1024));
      res.end();
    });
    expect(await reason(safeFetch(`http://127.0.0.1:${announced}/`, {}, local))).toBe("too_large");
    expect(await reason(safeFetch(`http://127.0.0.1:${chunked}/`, {}, local))).toBe("too_large");
    const small = await safeFetch(
      `http://127.0.0.1:${chunked}/`,
      {},
      { ...local, maxBytes: 2 * 1024 * 1024 },
    );
    expect(small.body).toHaveLength(1024 * 1024);
  });

  it("gives up on a server that hangs or drips, without putting the request body in the error", async () => {
    const hanging = await listen(() => undefined);
    const dripping = await listen((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write("."), 20);
      res.on("close", () => clearInterval(timer));
    });
    const secret = "client_secret=SUPER-SECRET-VALUE";
    for (const port of [hanging, dripping]) {
      const error = await refusal(
        safeFetch(
          `http://127.0.0.1:${port}/token`,
          { method: "POST", body: secret },
          { ...local, timeoutMs: 150 },
        ),
      );
      expect(error.reason).toBe("timeout");
      expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain("SUPER-SECRET");
    }
  });

  it("passes on the caller's abort", async () => {
    const hanging = await listen(() => undefined);
    const controller = new AbortController();
    const pending = safeFetch(`http://127.0.0.1:${hanging}/`, {}, { ...local, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("caller gave up")), 20);
    await expect(pending).rejects.toThrow("caller gave up");
  });

  it("reports a refused connection", async () => {
    const port = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await refusal(safeFetch(`http://127.0.0.1:${port}/`, {}, local));
    expect(error.reason).toBe("connect_failed");
    expect(error.detail).toBe("ECONNREFUSED");
  });

  it("reads the setting from the environment when not given", async () => {
    vi.stubEnv("RELAIS_ALLOW_LOCAL_PROVIDERS", "true");
    const port = await listen((_req, res) => res.end("env"));
    try {
      expect((await safeFetch(`http://127.0.0.1:${port}/`)).body).toBe("env");
      vi.stubEnv("RELAIS_ALLOW_LOCAL_PROVIDERS", "1");
      expect(await reason(safeFetch(`http://127.0.0.1:${port}/`))).toBe("not_https");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("kept-alive connections (keepAlive)", () => {
  it("reuses a connection between calls, and checks every new one in the lookup", async () => {
    const port = await listen((_req, res) => res.end("ok"));
    // The first connection's lookup answers loopback; any later one, the metadata service.
    const resolver = fakeResolver({ "pool.test": [["127.0.0.1"], ["169.254.169.254"]] });
    const options = { ...local, lookup: resolver, keepAlive: true };
    const url = `http://pool.test:${port}/`;
    expect((await safeFetch(url, { method: "POST", body: "one" }, options)).body).toBe("ok");
    expect((await safeFetch(url, { method: "POST", body: "two" }, options)).body).toBe("ok");
    expect(seen.connects).toBe(1);
    expect(resolver.calls).toEqual(["pool.test"]);
    // Two at once: one takes the pooled connection, the other needs a new one, whose lookup refuses.
    const outcomes = await Promise.allSettled([safeFetch(url, {}, options), safeFetch(url, {}, options)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ reason: "blocked_address" });
    expect(resolver.calls).toEqual(["pool.test", "pool.test"]);
    expect(seen.connects).toBe(1);
  });

  it("never reuses a connection for another name, nor one whose answer was refused", async () => {
    const port = await listen((req, res) => {
      if (req.url === "/redirect") res.writeHead(302, { location: "http://127.0.0.1/" });
      res.end("ok");
    });
    const resolver = fakeResolver({ "a.test": [["127.0.0.1"]], "b.test": [["127.0.0.1"]] });
    const options = { ...local, lookup: resolver, keepAlive: true };
    expect((await safeFetch(`http://a.test:${port}/`, {}, options)).body).toBe("ok");
    expect((await safeFetch(`http://b.test:${port}/`, {}, options)).body).toBe("ok");
    expect(resolver.calls).toEqual(["a.test", "b.test"]);
    expect(seen.connects).toBe(2);
    expect(await reason(safeFetch(`http://a.test:${port}/redirect`, {}, options))).toBe("redirect_refused");
    // The refused answer's connection was closed: the next call opens, and checks, a new one.
    expect((await safeFetch(`http://a.test:${port}/`, {}, options)).body).toBe("ok");
    expect(resolver.calls).toEqual(["a.test", "b.test", "a.test"]);
    expect(seen.connects).toBe(3);
  });

  it("keeps a fresh socket per call without it", async () => {
    const port = await listen((_req, res) => res.end("ok"));
    const resolver = fakeResolver({ "fresh.test": [["127.0.0.1"]] });
    for (let i = 0; i < 2; i++)
      expect((await safeFetch(`http://fresh.test:${port}/`, {}, { ...local, lookup: resolver })).body).toBe(
        "ok",
      );
    expect(resolver.calls).toEqual(["fresh.test", "fresh.test"]);
    expect(seen.connects).toBe(2);
  });
});

describe("outbound settings", () => {
  it("allows local providers only for the exact value true", () => {
    expect(localProvidersAllowed({ RELAIS_ALLOW_LOCAL_PROVIDERS: "true" })).toBe(true);
    for (const value of [undefined, "", "1", "yes", "TRUE"]) {
      expect(localProvidersAllowed({ RELAIS_ALLOW_LOCAL_PROVIDERS: value })).toBe(false);
    }
  });

  it("refuses local providers in production unless it is the demo", () => {
    const production = { NODE_ENV: "production", RELAIS_ALLOW_LOCAL_PROVIDERS: "true" };
    expect(() => assertOutboundSettingsSafeForProduction(production)).toThrow(/RELAIS_ALLOW_LOCAL_PROVIDERS/);
    expect(() =>
      assertOutboundSettingsSafeForProduction({ ...production, RELAIS_DEMO: "true" }),
    ).not.toThrow();
    expect(() =>
      assertOutboundSettingsSafeForProduction({ ...production, NODE_ENV: "development" }),
    ).not.toThrow();
    expect(() => assertOutboundSettingsSafeForProduction({ NODE_ENV: "production" })).not.toThrow();
  });
});
