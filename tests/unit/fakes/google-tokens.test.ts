import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
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

  it("revokes the whole grant through /revoke (RFC 7009, client authenticated, 200), after which refresh is invalid_grant", async () => {
    const { tokens } = await connect("b@college.test");
    fakes.control.resetStats();
    const response = await postForm(fakes.google.revocationEndpoint, {
      token: String(tokens.access_token),
      token_type_hint: "access_token",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(response.status).toBe(200);
    expect(await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT)).toEqual({
      status: 400,
      body: EXPIRED_OR_REVOKED,
    });
    const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`;
    const again = await postForm(
      fakes.google.revocationEndpoint,
      { token: String(tokens.refresh_token), token_type_hint: "refresh_token" },
      { authorization: basic },
    );
    expect(again).toMatchObject({ status: 400, body: { error: "invalid_token" } });
    expect(fakes.control.stats().revocations).toEqual([
      {
        provider: "google",
        clientId: CLIENT.clientId,
        authMethod: "client_secret_post",
        tokenTypeHint: "access_token",
        status: 200,
      },
      {
        provider: "google",
        clientId: CLIENT.clientId,
        authMethod: "client_secret_basic",
        tokenTypeHint: "refresh_token",
        status: 400,
      },
    ]);
  });

  it("refuses a revocation without client authentication, with a wrong secret, or for another client's token", async () => {
    const { tokens } = await connect("b2@college.test");
    const token = String(tokens.refresh_token);
    fakes.control.resetStats();
    const refused = { status: 401, body: { error: "invalid_client" } };
    expect(await postForm(fakes.google.revocationEndpoint, { token })).toMatchObject(refused);
    expect(
      await postForm(fakes.google.revocationEndpoint, { token, client_id: CLIENT.clientId }),
    ).toMatchObject(refused);
    expect(
      await postForm(fakes.google.revocationEndpoint, {
        token,
        client_id: CLIENT.clientId,
        client_secret: "GOCSPX-wrong",
      }),
    ).toMatchObject(refused);
    fakes.control.registerClient({
      provider: "google",
      clientId: "other-school.apps.googleusercontent.com",
      clientSecret: "GOCSPX-other",
      redirectUris: [REDIRECT],
    });
    expect(
      await postForm(fakes.google.revocationEndpoint, {
        token,
        client_id: "other-school.apps.googleusercontent.com",
        client_secret: "GOCSPX-other",
      }),
    ).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(fakes.control.stats().revocations.map((r) => [r.authMethod, r.status])).toEqual([
      ["missing", 401],
      ["none", 401],
      ["client_secret_post", 401],
      ["client_secret_post", 400],
    ]);
    // Refused requests withdrew nothing.
    expect((await refresh(fakes.google.tokenEndpoint, token, CLIENT)).status).toBe(200);
  });

  it("plays an error no table lists for one address's refreshes, until told to stop", async () => {
    const { tokens } = await connect("b3@college.test");
    fakes.control.failRefreshes("B3@college.test", { status: 400, body: { error: "weird_new_error" } });
    expect(await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT)).toEqual({
      status: 400,
      body: { error: "weird_new_error" },
    });
    fakes.control.failRefreshes("b3@college.test", null);
    expect((await refresh(fakes.google.tokenEndpoint, tokens.refresh_token, CLIENT)).status).toBe(200);
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
