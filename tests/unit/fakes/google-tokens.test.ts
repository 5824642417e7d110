import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeProviders, type FakeProvidersHandle } from "@/lib/fake-providers";
import { connectMailbox, refresh } from "./connect-mailbox";
import { postForm } from "./form-browser";

const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const CLIENT = { clientId: "school-b.apps.googleusercontent.com", clientSecret: "GOCSPX-secret-b" };
const EXPIRED_OR_REVOKED = {
  error: "invalid_grant",
  error_description: "Token has been expired or revoked.",
};
const DAY_MS = 24 * 3600 * 1000;

let fakes: FakeProvidersHandle;

beforeAll(async () => {
  fakes = await startFakeProviders({
    acceptAnyAccount: true,
    clients: [{ provider: "google", ...CLIENT, redirectUris: [REDIRECT] }],
  });
});

afterAll(async () => {
  await fakes.close();
});

beforeEach(() => {
  fakes.control.setGoogleTestingPublishingStatus(false);
});

function connect(email: string) {
  return connectMailbox(fakes, {
    provider: "google",
    email,
    ...CLIENT,
    redirectUri: REDIRECT,
    scope: "openid email https://mail.google.com/",
    extra: { prompt: "consent", access_type: "offline" },
  });
}

describe("Google-like refresh tokens", () => {
  it("refreshes without rotating: the response carries no refresh token and the old one keeps working", async () => {
    const { tokens } = await connect("a@college.test");
    const first = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toBeUndefined();
    expect(first.body.access_token).not.toBe(tokens.access_token);
    const second = await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT);
    expect(second.status).toBe(200);
  });

  it("revokes the whole grant through /revoke (form token=…, 200), after which refresh is invalid_grant", async () => {
    const { tokens } = await connect("b@college.test");
    const response = await fetch(fakes.google.revocationEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: String(tokens.access_token) }),
    });
    expect(response.status).toBe(200);
    expect(await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT)).toEqual({
      status: 400,
      body: EXPIRED_OR_REVOKED,
    });
    const again = await postForm(fakes.google.revocationEndpoint, { token: String(tokens.refresh_token) });
    expect(again.status).toBe(400);
  });

  it("answers 'Token has been expired or revoked.' after expireRefreshTokens and revokeGrant", async () => {
    const expired = await connect("c@college.test");
    expect(fakes.control.expireRefreshTokens("c@college.test")).toBe(1);
    expect(await refresh(fakes.google.tokenEndpoint, expired.tokens.refresh_token, CLIENT)).toEqual({
      status: 400,
      body: EXPIRED_OR_REVOKED,
    });
    const revoked = await connect("d@college.test");
    expect(fakes.control.revokeGrant("d@college.test")).toBe(1);
    expect(await refresh(fakes.google.tokenEndpoint, revoked.tokens.refresh_token, CLIENT)).toEqual({
      status: 400,
      body: EXPIRED_OR_REVOKED,
    });
  });

  it("lets refresh tokens live 7 days when the app is in Testing publishing status", async () => {
    fakes.control.setGoogleTestingPublishingStatus(true);
    const { tokens } = await connect("e@college.test");
    expect(tokens.refresh_token_expires_in).toBeGreaterThan(7 * 24 * 3600 - 5);
    expect(tokens.refresh_token_expires_in).toBeLessThanOrEqual(7 * 24 * 3600);
    fakes.control.advanceClock(6 * DAY_MS);
    expect((await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT)).status).toBe(200);
    fakes.control.advanceClock(DAY_MS + 1000);
    expect(await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT)).toEqual({
      status: 400,
      body: EXPIRED_OR_REVOKED,
    });
  });

  it("gives access tokens the configured lifetime, and they expire with the simulated clock", async () => {
    fakes.control.setAccessTokenTtl(60);
    try {
      const { tokens } = await connect("f@college.test");
      expect(tokens.expires_in).toBe(60);
      const before = await fetch(fakes.google.userinfoEndpoint, {
        headers: { authorization: `Bearer ${String(tokens.access_token)}` },
      });
      expect(before.status).toBe(200);
      fakes.control.advanceClock(61_000);
      const after = await fetch(fakes.google.userinfoEndpoint, {
        headers: { authorization: `Bearer ${String(tokens.access_token)}` },
      });
      expect(after.status).toBe(401);
    } finally {
      fakes.control.setAccessTokenTtl(3600);
    }
  });

  it("counts token requests per grant type and refreshes per mailbox", async () => {
    const { tokens } = await connect("g@college.test");
    fakes.control.resetStats();
    await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT);
    await refresh(fakes.google.tokenEndpoint, "not-a-token", CLIENT);
    const stats = fakes.control.stats();
    expect(stats.refreshRequests).toEqual({ "g@college.test": 1, unknown: 1 });
    expect(stats.byProvider.google.tokenRequestsByGrantType).toEqual({ refresh_token: 2 });
    expect(stats.byProvider.microsoft.tokenRequests).toBe(0);
  });
});
