import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseDeviceResponse } from "@/lib/oauth-flow/device-response";
import {
  expectedIssuerFor,
  issuerMatches,
  MICROSOFT_ISSUER_TEMPLATE,
} from "@/lib/oauth-flow/expected-issuer";
import { openFlowResult, sealFlowResult } from "@/lib/oauth-flow/flow-result";
import { grantedScopesOf, missingScopes, requiredMailScopes } from "@/lib/transports/granted-scopes";
import { readIdToken } from "@/lib/oauth-flow/id-token-claims";

// Pure rules of the flows; no database needed, but they belong with the flow tests.
process.env.RELAIS_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.RELAIS_ALLOW_LOCAL_PROVIDERS = "false";

const GUID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

function idToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256" })}.${part(claims)}.signature`;
}

describe("expected issuer", () => {
  it("is the provider's issuer for Google and Microsoft, the origin otherwise", () => {
    expect(expectedIssuerFor("https://accounts.google.com/o/oauth2/v2/auth?prompt=consent")).toBe(
      "https://accounts.google.com",
    );
    expect(
      expectedIssuerFor(`https://login.microsoftonline.com/${GUID.toUpperCase()}/oauth2/v2.0/authorize`),
    ).toBe(`https://login.microsoftonline.com/${GUID}/v2.0`);
    expect(expectedIssuerFor("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize")).toBe(
      MICROSOFT_ISSUER_TEMPLATE,
    );
    expect(expectedIssuerFor("http://127.0.0.1:4010/o/oauth2/v2/auth")).toBe("http://127.0.0.1:4010");
  });

  it("matches exactly, by directory for Microsoft's template, by origin for a path-less issuer", () => {
    expect(issuerMatches("https://accounts.google.com", "https://accounts.google.com")).toBe(true);
    expect(issuerMatches("https://accounts.google.com", "accounts.google.com")).toBe(true);
    expect(issuerMatches("https://accounts.google.com", "https://accounts.google.com.evil.example")).toBe(
      false,
    );
    const template = MICROSOFT_ISSUER_TEMPLATE;
    expect(issuerMatches(template, `https://login.microsoftonline.com/${GUID}/v2.0`, GUID)).toBe(true);
    expect(issuerMatches(template, `https://login.microsoftonline.com/${GUID}/v2.0`, randomGuid())).toBe(
      false,
    );
    expect(issuerMatches(template, "https://login.microsoftonline.com/organizations/v2.0")).toBe(false);
    expect(issuerMatches("https://idp.school.example", "https://idp.school.example/realms/staff")).toBe(true);
    expect(issuerMatches("https://idp.school.example", "https://idp.attacker.example")).toBe(false);
    expect(
      issuerMatches(
        `https://login.microsoftonline.com/${GUID}/v2.0`,
        "https://login.microsoftonline.com/x/v2.0",
      ),
    ).toBe(false);
  });
});

function randomGuid() {
  const hex = randomBytes(16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe("id_token claims", () => {
  const expected = { clientId: "client-1", issuer: "https://accounts.google.com" };
  const valid = { aud: "client-1", iss: "https://accounts.google.com", exp: Date.now() / 1000 + 600 };

  it("reads the address, lower-cased", () => {
    expect(readIdToken(idToken({ ...valid, email: "Accueil@Lycee.Test" }), expected)).toEqual({
      ok: true,
      account: "accueil@lycee.test",
    });
    expect(
      readIdToken(idToken({ ...valid, aud: ["other", "client-1"], email: "a@b.test" }), expected),
    ).toMatchObject({
      ok: true,
    });
  });

  it("refuses another audience, another issuer, an expired or malformed token", () => {
    expect(readIdToken(idToken({ ...valid, aud: "client-2" }), expected)).toEqual({
      ok: false,
      problem: "audience",
    });
    expect(readIdToken(idToken({ ...valid, iss: "https://evil.example" }), expected)).toEqual({
      ok: false,
      problem: "issuer",
    });
    expect(readIdToken(idToken({ ...valid, exp: Date.now() / 1000 - 3600 }), expected)).toEqual({
      ok: false,
      problem: "expired",
    });
    expect(readIdToken("not.a-token", expected)).toEqual({ ok: false, problem: "malformed" });
  });

  it("ignores an unverified email and falls back to Microsoft's username only when it is an address", () => {
    expect(readIdToken(idToken({ ...valid, email: "a@b.test", email_verified: false }), expected)).toEqual({
      ok: true,
      account: null,
    });
    const microsoft = { clientId: "client-1", issuer: MICROSOFT_ISSUER_TEMPLATE };
    const claims = {
      aud: "client-1",
      iss: `https://login.microsoftonline.com/${GUID}/v2.0`,
      tid: GUID,
      exp: valid.exp,
    };
    expect(
      readIdToken(idToken({ ...claims, preferred_username: "Secretariat@College.test" }), microsoft),
    ).toEqual({
      ok: true,
      account: "secretariat@college.test",
    });
    expect(readIdToken(idToken({ ...claims, preferred_username: "+33600000000" }), microsoft)).toEqual({
      ok: true,
      account: null,
    });
  });
});

describe("granted scopes", () => {
  const microsoft = {
    provider: "microsoft" as const,
    scopes: [],
    authorizationEndpoint: "https://x.example/a",
  };
  const google = { provider: "google" as const, scopes: [], authorizationEndpoint: "https://x.example/a" };

  it("takes the response's scope, or the requested ones when it says nothing", () => {
    expect(grantedScopesOf("a b  a", ["x"])).toEqual(["a", "b"]);
    expect(grantedScopesOf(undefined, ["x", "y"])).toEqual(["x", "y"]);
    expect(grantedScopesOf("", ["x"])).toEqual(["x"]);
  });

  it("normalises Microsoft's SMTP.Send and knows what each provider needs", () => {
    expect(missingScopes(requiredMailScopes(microsoft), ["SMTP.Send"])).toEqual([]);
    expect(missingScopes(requiredMailScopes(microsoft), ["https://outlook.office.com/smtp.send"])).toEqual(
      [],
    );
    expect(missingScopes(requiredMailScopes(microsoft), ["User.Read"])).toEqual([
      "https://outlook.office.com/SMTP.Send",
    ]);
    expect(missingScopes(requiredMailScopes(google), ["https://www.googleapis.com/auth/gmail.send"])).toEqual(
      ["https://mail.google.com/"],
    );
    const custom = {
      provider: "custom" as const,
      scopes: ["openid", "SMTP.Send"],
      authorizationEndpoint: "https://idp.example/a",
    };
    expect(requiredMailScopes(custom)).toEqual(["SMTP.Send"]);
    expect(requiredMailScopes({ ...custom, scopes: ["mail"] })).toEqual([]);
  });
});

describe("device authorization response", () => {
  const base = { device_code: "dc", user_code: "ABCD-EFGH", expires_in: 900 };

  it("accepts Google's verification_url and defaults the interval to 5 seconds", () => {
    expect(parseDeviceResponse({ ...base, verification_url: "https://www.google.com/device" })).toMatchObject(
      {
        verificationUri: "https://www.google.com/device",
        interval: 5,
      },
    );
  });

  it("refuses an address that is not https, and drops such a complete address", () => {
    expect(parseDeviceResponse({ ...base, verification_uri: "javascript:alert(1)" })).toBeNull();
    expect(
      parseDeviceResponse({ ...base, verification_uri: "http://127.0.0.1:4011/devicelogin" }),
    ).toBeNull();
    expect(
      parseDeviceResponse({
        ...base,
        verification_uri: "https://microsoft.com/devicelogin",
        verification_uri_complete: "data:text/html,hi",
        interval: "10",
      }),
    ).toMatchObject({ verificationUriComplete: null, interval: 10 });
    expect(
      parseDeviceResponse({ ...base, verification_uri: "https://x.example", user_code: "AB CD" }),
    ).toBeNull();
  });
});

describe("sealed results", () => {
  it("open only untouched and recent", () => {
    const sealed = sealFlowResult({ outcome: "connected", mailbox: "a@b.test" });
    expect(openFlowResult(sealed)).toEqual({ outcome: "connected", mailbox: "a@b.test" });
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith("A") ? "B" : "A"}A`;
    expect(openFlowResult(tampered)).toBeNull();
    expect(openFlowResult(sealed, Date.now() + 2 * 3600_000)).toBeNull();
    expect(openFlowResult("v1.x.y.z")).toBeNull();
  });
});
