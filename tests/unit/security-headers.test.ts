import { describe, expect, it } from "vitest";
import {
  apiSecurityHeaders,
  contentSecurityPolicy,
  newNonce,
  referrerPolicy,
  securityHeaders,
} from "@/lib/http/security-headers";

/** The policy as a map from directive to its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

const production = { nonce: "bm9uY2U=", publicUrl: "http://127.0.0.1:3000", development: false };

describe("the Content-Security-Policy", () => {
  it("lets scripts run only with the request's nonce, and nothing inline or evaluated", () => {
    const policy = directives(contentSecurityPolicy(production));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("keeps everything else to the portal itself", () => {
    const policy = directives(contentSecurityPolicy(production));
    expect(Object.fromEntries(policy)).toEqual({
      "default-src": ["'self'"],
      "script-src": expect.any(Array),
      "style-src": expect.any(Array),
      "img-src": ["'self'", "data:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("upgrades insecure requests only when the portal is served over https", () => {
    const policy = directives(
      contentSecurityPolicy({ ...production, publicUrl: "https://relais.example.org" }),
    );
    expect(policy.get("upgrade-insecure-requests")).toEqual([]);
  });

  it("allows eval and inline styles in development only, where React and the dev overlay need them", () => {
    const policy = directives(contentSecurityPolicy({ ...production, development: true }));
    expect(policy.get("script-src")).toEqual([
      "'self'",
      "'nonce-bm9uY2U='",
      "'strict-dynamic'",
      "'unsafe-eval'",
    ]);
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("nonces", () => {
  it("are 16 random bytes in base64, new each time, of the form Next.js reads back", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("securityHeaders", () => {
  it("sends HSTS only when NEXTAUTH_URL is https", () => {
    expect(securityHeaders({ ...production, pathname: "/" })).not.toHaveProperty("Strict-Transport-Security");
    expect(
      securityHeaders({ ...production, pathname: "/", publicUrl: "https://relais.example.org/" })[
        "Strict-Transport-Security"
      ],
    ).toBe("max-age=63072000; includeSubDomains");
    expect(securityHeaders({ ...production, pathname: "/", publicUrl: "not a url" })).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });

  it("carries the policy with the nonce", () => {
    expect(securityHeaders({ ...production, pathname: "/" })["Content-Security-Policy"]).toBe(
      contentSecurityPolicy(production),
    );
  });

  it.each([
    ["/connect/abc123", "no-referrer"],
    ["/connect/abc123/device", "no-referrer"],
    ["/api/oauth/authorize", "no-referrer"],
    ["/api/oauth/callback", "no-referrer"],
    ["/api/oauth/device/42", "no-referrer"],
    ["/oauth/result", "no-referrer"],
    ["/t/lycee/mailboxes/1b2c/device", "no-referrer"],
    ["/t/lycee/mailboxes/1b2c", "same-origin"],
    ["/t/lycee/mailboxes", "same-origin"],
    ["/connections", "same-origin"],
    ["/signin", "same-origin"],
    ["/api/v1/messages", "same-origin"],
    ["/", "same-origin"],
  ])("sends Referrer-Policy for %s: %s", (pathname, expected) => {
    expect(referrerPolicy(pathname)).toBe(expected);
    expect(securityHeaders({ ...production, pathname })["Referrer-Policy"]).toBe(expected);
  });
});

describe("the machine API's headers (no proxy, no nonce)", () => {
  it("allow nothing to load or frame a JSON answer, with HSTS only on https", () => {
    expect(apiSecurityHeaders("http://127.0.0.1:3000")).toEqual({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    });
    expect(apiSecurityHeaders("https://relais.lycee.fr")).toEqual({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    });
  });
});
