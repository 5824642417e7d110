import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { connectMailbox, refresh } from "./connect-mailbox";
import { FormBrowser, authorizeThroughPages, pkcePair } from "./form-browser";

const TENANT = "0b6e8f4a-3c2d-4e5f-9a8b-7c6d5e4f3a2b";
const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const PUBLIC = { clientId: "11111111-2222-3333-4444-555555555555" };
const SMTP_SCOPE = "https://outlook.office.com/SMTP.Send offline_access";
const DAY_MS = 24 * 3600 * 1000;

let fakes: FakeProvidersHandle;

beforeAll(async () => {
  fakes = await startFakeProviders({
    acceptAnyAccount: true,
    clients: [
      { provider: "microsoft", ...PUBLIC, redirectUris: [REDIRECT], tenantId: TENANT, name: "Relais" },
    ],
  });
});

afterAll(async () => {
  await fakes.close();
});

beforeEach(() => {
  fakes.control.setStrictRotation(false);
});

function connect(email: string, directory = "organizations", scope = SMTP_SCOPE) {
  return connectMailbox(fakes, {
    provider: "microsoft",
    email,
    ...PUBLIC,
    redirectUri: REDIRECT,
    scope,
    directory,
  });
}

const tokenEndpoint = () => fakes.microsoft.organizations.tokenEndpoint;

describe("Microsoft-like authorization code flow", () => {
  it("serves organizations, common and the tenant's GUID, and leaves iss off the redirect", async () => {
    for (const directory of ["organizations", "common", TENANT]) {
      const { redirect, tokens } = await connect(`dir-${directory.slice(0, 6)}@lycee.test`, directory);
      expect(redirect.searchParams.get("iss")).toBeNull();
      expect(redirect.searchParams.get("session_state")).toBeTruthy();
      expect(tokens.scope).toBe("https://outlook.office.com/SMTP.Send");
      expect(typeof tokens.refresh_token).toBe("string");
      expect(tokens.ext_expires_in).toBe(tokens.expires_in);
    }
  });

  it("returns no refresh token without offline_access", async () => {
    const { tokens } = await connect(
      "online@lycee.test",
      "organizations",
      "https://outlook.office.com/SMTP.Send",
    );
    expect(tokens.refresh_token).toBeUndefined();
  });

  it("requires PKCE from a public client", async () => {
    const url = new URL(fakes.microsoft.organizations.authorizationEndpoint);
    for (const [name, value] of Object.entries({
      client_id: PUBLIC.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: SMTP_SCOPE,
    })) {
      url.searchParams.set(name, value);
    }
    const response = await fetch(url, { redirect: "manual" });
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.href.startsWith(REDIRECT)).toBe(true);
    expect(location.searchParams.get("error")).toBe("invalid_request");
  });

  it("sends access_denied with error_subcode=cancel when the person cancels consent", async () => {
    const { challenge } = pkcePair();
    const url = new URL(fakes.microsoft.organizations.authorizationEndpoint);
    for (const [name, value] of Object.entries({
      client_id: PUBLIC.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: SMTP_SCOPE,
      code_challenge: challenge,
      code_challenge_method: "S256",
    })) {
      url.searchParams.set(name, value);
    }
    const redirect = await authorizeThroughPages(new FormBrowser(), url.href, REDIRECT, {
      email: "cancel@lycee.test",
      deny: true,
    });
    expect(redirect.searchParams.get("error")).toBe("access_denied");
    expect(redirect.searchParams.get("error_subcode")).toBe("cancel");
  });
});

describe("Microsoft-like refresh token rotation", () => {
  it("returns a new refresh token on every refresh and keeps the old one working", async () => {
    const { tokens } = await connect("rotation@lycee.test");
    const first = await refresh(tokenEndpoint(), tokens.refresh_token, PUBLIC);
    expect(first.status).toBe(200);
    expect(typeof first.body.refresh_token).toBe("string");
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    const reuse = await refresh(tokenEndpoint(), tokens.refresh_token, PUBLIC);
    expect(reuse.status).toBe(200);
    expect((await refresh(tokenEndpoint(), first.body.refresh_token, PUBLIC)).status).toBe(200);
  });

  it("revokes the whole grant when a used refresh token comes back in strict rotation mode", async () => {
    fakes.control.setStrictRotation(true);
    const { tokens } = await connect("strict@lycee.test");
    const first = await refresh(tokenEndpoint(), tokens.refresh_token, PUBLIC);
    expect(first.status).toBe(200);
    const reuse = await refresh(tokenEndpoint(), tokens.refresh_token, PUBLIC);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ error: "invalid_grant", error_codes: [70000] });
    const newest = await refresh(tokenEndpoint(), first.body.refresh_token, PUBLIC);
    expect(newest.status).toBe(400);
    expect(newest.body.error).toBe("invalid_grant");
  });

  it("expires refresh tokens after 90 days of inactivity with AADSTS700082, each refresh restarting the count", async () => {
    const { tokens } = await connect("holiday@lycee.test");
    fakes.control.advanceClock(80 * DAY_MS);
    const kept = await refresh(tokenEndpoint(), tokens.refresh_token, PUBLIC);
    expect(kept.status).toBe(200);
    fakes.control.advanceClock(80 * DAY_MS);
    expect((await refresh(tokenEndpoint(), kept.body.refresh_token, PUBLIC)).status).toBe(200);
    const stale = await refresh(tokenEndpoint(), tokens.refresh_token, PUBLIC);
    expect(stale.status).toBe(400);
    expect(stale.body.error).toBe("invalid_grant");
    expect(stale.body.error_codes).toEqual([700082]);
    expect(String(stale.body.error_description)).toMatch(
      /^AADSTS700082: The refresh token has expired due to inactivity/,
    );
  });

  it("counts exactly the refresh requests that reached the provider, per mailbox", async () => {
    const { tokens } = await connect("counted@lycee.test");
    fakes.control.resetStats();
    await refresh(tokenEndpoint(), tokens.refresh_token, PUBLIC);
    const stats = fakes.control.stats();
    expect(stats.refreshRequests).toEqual({ "counted@lycee.test": 1 });
    expect(stats.byProvider.microsoft.tokenRequests).toBe(1);
    expect(stats.tokenRequests).toBe(1);
  });
});
