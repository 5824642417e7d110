import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startupProblems } from "@/lib/config/startup-checks";
import { clientIp, resolveClientAddress, type AddressHeaders } from "@/lib/http/client-ip";
import { peerAddressHeader } from "@/lib/http/peer-address";
import { installPeerAddressStamp } from "@/lib/http/peer-address-stamp";
import {
  canonicalAddress,
  parseTrustedProxies,
  trustedProxies,
  TrustedProxiesError,
} from "@/lib/http/trusted-proxies";

/** The client's address for a request whose socket is `peer`, behind `proxies` (RELAIS_TRUSTED_PROXIES). */
function resolve(proxies: string, peer: string | null, headers: Partial<AddressHeaders> = {}) {
  return resolveClientAddress(
    { peer, forwardedFor: headers.forwardedFor ?? null, realIp: headers.realIp ?? null },
    parseTrustedProxies(proxies),
  );
}

describe("the client's address", () => {
  it("is the socket's peer when no proxy is configured: the client's own X-Forwarded-For and X-Real-IP are ignored", () => {
    const spoofed = { forwardedFor: "6.6.6.6, 10.0.0.1", realIp: "7.7.7.7" };
    expect(resolve("", "203.0.113.5", spoofed)).toBe("203.0.113.5");
    expect(resolve("", "203.0.113.5", { forwardedFor: "203.0.113.99" })).toBe("203.0.113.5");
    // No socket (the stamp was not there): no address, whatever the headers claim.
    expect(resolve("", null, spoofed)).toBeNull();
    expect(resolve("10.0.0.0/8", null, spoofed)).toBeNull();
  });

  it("is the hop one trusted proxy appended, not what the client wrote before it", () => {
    expect(resolve("10.0.0.5", "10.0.0.5", { forwardedFor: "6.6.6.6, 198.51.100.7" })).toBe("198.51.100.7");
    expect(resolve("10.0.0.5", "10.0.0.5", { forwardedFor: "198.51.100.7" })).toBe("198.51.100.7");
    // The proxy sent no X-Forwarded-For: its X-Real-IP, else the proxy itself.
    expect(resolve("10.0.0.5", "10.0.0.5", { realIp: "198.51.100.8" })).toBe("198.51.100.8");
    expect(resolve("10.0.0.5", "10.0.0.5")).toBe("10.0.0.5");
    // X-Forwarded-For wins over X-Real-IP.
    expect(resolve("10.0.0.5", "10.0.0.5", { forwardedFor: "198.51.100.7", realIp: "6.6.6.6" })).toBe(
      "198.51.100.7",
    );
  });

  it("walks a chain of two trusted proxies from the right to the first untrusted hop", () => {
    // client 198.51.100.7 → load balancer 10.0.0.1 → nginx 10.0.0.2 → Relais; the client wrote 6.6.6.6.
    const proxies = "10.0.0.1, 10.0.0.2";
    expect(resolve(proxies, "10.0.0.2", { forwardedFor: "6.6.6.6, 198.51.100.7, 10.0.0.1" })).toBe(
      "198.51.100.7",
    );
    // The same with the proxies given as one network, and a client that claims to be a proxy itself.
    expect(resolve("10.0.0.0/24", "10.0.0.2", { forwardedFor: "10.0.0.1, 198.51.100.7, 10.0.0.1" })).toBe(
      "198.51.100.7",
    );
    // Every hop a trusted proxy: the left-most one is the client.
    expect(resolve(proxies, "10.0.0.2", { forwardedFor: "10.0.0.1, 10.0.0.2" })).toBe("10.0.0.1");
  });

  it("ignores what an untrusted peer says about proxies and clients", () => {
    // 203.0.113.9 connects directly and pretends a trusted proxy forwarded the request for someone else.
    const spoofed = { forwardedFor: "198.51.100.7, 10.0.0.5", realIp: "198.51.100.7" };
    expect(resolve("10.0.0.5", "203.0.113.9", spoofed)).toBe("203.0.113.9");
    expect(resolve("10.0.0.0/8", "203.0.113.9", { forwardedFor: "10.0.0.1" })).toBe("203.0.113.9");
  });

  it("stops at a hop that is not an address, at the last address known", () => {
    expect(resolve("10.0.0.0/8", "10.0.0.1", { forwardedFor: "198.51.100.7, unknown" })).toBe("10.0.0.1");
    expect(resolve("10.0.0.0/8", "10.0.0.1", { forwardedFor: "<script>, 10.0.0.9" })).toBe("10.0.0.9");
    expect(resolve("10.0.0.0/8", "10.0.0.1", { forwardedFor: " , 198.51.100.7 ,," })).toBe("198.51.100.7");
  });

  it("handles IPv6, with brackets, ports and any spelling", () => {
    const proxies = "::1, fd00::/8";
    expect(resolve(proxies, "::1", { forwardedFor: "2001:db8::66, 2001:DB8:0:0::7, fd00::2" })).toBe(
      "2001:db8::7",
    );
    expect(resolve(proxies, "::1", { forwardedFor: "[2001:db8::7]:51234" })).toBe("2001:db8::7");
    expect(resolve(proxies, "0:0:0:0:0:0:0:1", { forwardedFor: "192.0.2.1:443" })).toBe("192.0.2.1");
    expect(resolve(proxies, "2001:db8::99", { forwardedFor: "2001:db8::7" })).toBe("2001:db8::99");
  });

  it("treats an IPv4-mapped IPv6 peer, hop or entry as the IPv4 address", () => {
    expect(resolve("10.0.0.0/8", "::ffff:10.0.0.1", { forwardedFor: "::ffff:198.51.100.7" })).toBe(
      "198.51.100.7",
    );
    expect(resolve("10.0.0.0/8", "::ffff:a00:1", { forwardedFor: "198.51.100.7" })).toBe("198.51.100.7");
    expect(resolve("::ffff:10.0.0.1", "10.0.0.1", { forwardedFor: "198.51.100.7" })).toBe("198.51.100.7");
    expect(resolve("::ffff:10.0.0.0/104", "10.9.9.9", { forwardedFor: "198.51.100.7" })).toBe("198.51.100.7");
    // Untrusted: the peer, written as IPv4, and its header ignored.
    expect(resolve("10.0.0.0/8", "::ffff:203.0.113.9", { forwardedFor: "10.0.0.1" })).toBe("203.0.113.9");
    expect(canonicalAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
  });
});

describe("RELAIS_TRUSTED_PROXIES", () => {
  afterEach(() => {
    delete process.env.RELAIS_TRUSTED_PROXIES;
  });

  it("reads IPv4 and IPv6 addresses and networks, separated by commas or spaces", () => {
    expect(parseTrustedProxies(" 10.0.0.0/8, ::1  192.168.1.10,2001:db8::/32,").networks).toEqual([
      "10.0.0.0/8",
      "::1/128",
      "192.168.1.10/32",
      "2001:db8::/32",
    ]);
    expect(parseTrustedProxies(undefined).networks).toEqual([]);
    expect(parseTrustedProxies("  ").contains("127.0.0.1")).toBe(false);
  });

  it.each([
    ["proxy.internal", "is not an IP address or network"],
    ["10.0.0.0/33", "is not an IP address or network"],
    ["2001:db8::/129", "is not an IP address or network"],
    ["10.0.0.0/8/8", "is not an IP address or network"],
    ["10.0.0.0/", "is not an IP address or network"],
    ["10.0.0.0/x", "is not an IP address or network"],
    ["10.0.0.1-10.0.0.9", "is not an IP address or network"],
    ["10.0.0.1:8080", "is not an IP address or network"],
    ["[::1]", "is not an IP address or network"],
    ["fe80::1%eth0", "is not an IP address or network"],
    ["::ffff:10.0.0.0/8", "is not an IP address or network"],
    ["0.0.0.0/0", "would trust every address"],
    ["::/0", "would trust every address"],
  ])("refuses %s, naming it", (entry, why) => {
    const parse = () => parseTrustedProxies(`10.0.0.5, ${entry}`);
    expect(parse).toThrow(TrustedProxiesError);
    expect(parse).toThrow(`RELAIS_TRUSTED_PROXIES: "${entry}" ${why}`);
  });

  it("stops the server at start when malformed, or when the removed RELAIS_TRUST_PROXY is set", () => {
    expect(startupProblems({ RELAIS_TRUSTED_PROXIES: "10.0.0.5, 10.0.0.300" })).toEqual([
      expect.stringContaining('RELAIS_TRUSTED_PROXIES: "10.0.0.300" is not an IP address or network'),
    ]);
    const [problem, ...others] = startupProblems({ RELAIS_TRUST_PROXY: "true" });
    expect(others).toEqual([]);
    expect(problem).toMatch(/^RELAIS_TRUST_PROXY is no longer read: remove it\..*RELAIS_TRUSTED_PROXIES/);
    expect(startupProblems({ RELAIS_TRUST_PROXY: "false" })).toHaveLength(1);
    expect(startupProblems({ RELAIS_TRUSTED_PROXIES: "10.0.0.0/8, ::1" })).toEqual([]);
  });

  it("is parsed once per value", () => {
    process.env.RELAIS_TRUSTED_PROXIES = "10.0.0.0/8";
    const first = trustedProxies();
    expect(trustedProxies()).toBe(first);
    process.env.RELAIS_TRUSTED_PROXIES = "::1";
    expect(trustedProxies()).not.toBe(first);
    expect(trustedProxies().networks).toEqual(["::1/128"]);
  });
});

describe("clientIp", () => {
  afterEach(() => {
    delete process.env.RELAIS_TRUSTED_PROXIES;
  });

  const headers = (values: Record<string, string>) => new Headers(values);

  it("reads the peer from this process's stamp header only", () => {
    const spoofed = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7", "x-relais-peer": "8.8.8.8" };
    expect(clientIp(headers(spoofed))).toBeNull();
    expect(clientIp(headers({ ...spoofed, [peerAddressHeader()]: "198.51.100.4" }))).toBe("198.51.100.4");
    expect(peerAddressHeader()).toMatch(/^x-relais-peer-[0-9a-f]{32}$/);
    process.env.RELAIS_TRUSTED_PROXIES = "127.0.0.1";
    expect(clientIp(headers({ ...spoofed, [peerAddressHeader()]: "127.0.0.1" }))).toBe("6.6.6.6");
  });

  it("is stamped by the HTTP server with the socket's address, over a header the client sent", async () => {
    installPeerAddressStamp();
    installPeerAddressStamp();
    const seen: (string | null)[] = [];
    const server = http.createServer((request, response) => {
      const values: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string") values[name] = value;
      }
      seen.push(clientIp(new Headers(values)));
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [peerAddressHeader()]: "198.51.100.66", "x-forwarded-for": "6.6.6.6" },
      });
      await fetch(`http://127.0.0.1:${port}/`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1"]);
  });
});
