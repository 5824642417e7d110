import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { FormBrowser, authorizeThroughPages, pkcePair, postForm } from "./form-browser";

const MAIL = "https://mail.google.com/";
const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const CLIENT = { clientId: "school-a.apps.googleusercontent.com", clientSecret: "GOCSPX-secret-a" };

let fakes: FakeProvidersHandle;

beforeAll(async () => {
  fakes = await startFakeProviders({
    mailboxes: [
      { email: "secretariat@lycee.test", provider: "google" },
      { email: "vie-scolaire@lycee.test", provider: "google" },
    ],
    clients: [{ provider: "google", ...CLIENT, redirectUris: [REDIRECT], name: "Relais test" }],
  });
});

afterAll(async () => {
  await fakes.close();
});

function authorizationUrl(extra: Record<string, string>, challenge: string): string {
  const url = new URL(fakes.google.authorizationEndpoint);
  const params = {
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: `openid email ${MAIL}`,
    state: "state-123",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

async function connect(
  email: string,
  extra: Record<string, string>,
  untick: string[] = [],
  pages: string[] = [],
) {
  const { verifier, challenge } = pkcePair();
  const redirect = await authorizeThroughPages(
    new FormBrowser(),
    authorizationUrl(extra, challenge),
    REDIRECT,
    { email, untick },
    pages,
  );
  const code = redirect.searchParams.get("code") ?? "";
  const token = await postForm(fakes.google.tokenEndpoint, {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
  });
  return { redirect, code, verifier, token };
}

function idTokenClaims(idToken: unknown): Record<string, unknown> {
  const [, payload = ""] = String(idToken).split(".");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("Google-like authorization code flow", () => {
  it("signs in, consents and returns tokens carrying the granted scope and the email", async () => {
    const pages: string[] = [];
    const { redirect, token } = await connect(
      "secretariat@lycee.test",
      { prompt: "consent", access_type: "offline" },
      [],
      pages,
    );
    expect(pages).toEqual(["login", "consent"]);
    expect(redirect.searchParams.get("state")).toBe("state-123");
    expect(redirect.searchParams.get("iss")).toBe(fakes.google.issuer);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(String(token.body.scope).split(" ").sort()).toEqual(
      ["https://www.googleapis.com/auth/userinfo.email", MAIL, "openid"].sort(),
    );
    expect(typeof token.body.refresh_token).toBe("string");
    expect(idTokenClaims(token.body.id_token)).toMatchObject({
      email: "secretariat@lycee.test",
      email_verified: true,
    });
  });

  it("reflects an unticked scope in the token response", async () => {
    const { token } = await connect(
      "vie-scolaire@lycee.test",
      { prompt: "consent", access_type: "offline" },
      [MAIL],
    );
    expect(token.status).toBe(200);
    expect(String(token.body.scope).split(" ")).not.toContain(MAIL);
    expect(String(token.body.scope).split(" ")).toContain("openid");
  });

  it("gives a refresh token only with access_type=offline, and on re-consent only with prompt=consent", async () => {
    const online = await connect("secretariat@lycee.test", { prompt: "consent" });
    expect(online.token.status).toBe(200);
    expect(online.token.body.refresh_token).toBeUndefined();

    const pages: string[] = [];
    const again = await connect("secretariat@lycee.test", { access_type: "offline" }, [], pages);
    expect(pages).toEqual(["login"]);
    expect(again.token.status).toBe(200);
    expect(again.token.body.refresh_token).toBeUndefined();

    const forced = await connect("secretariat@lycee.test", { access_type: "offline", prompt: "consent" });
    expect(typeof forced.token.body.refresh_token).toBe("string");
  });

  it("signs in again when login_hint names another account in the same browser, and switches account", async () => {
    const browser = new FormBrowser();
    const emails: unknown[] = [];
    for (const email of ["secretariat@lycee.test", "vie-scolaire@lycee.test"]) {
      const { verifier, challenge } = pkcePair();
      const pages: string[] = [];
      const url = authorizationUrl({ prompt: "consent", login_hint: email }, challenge);
      const redirect = await authorizeThroughPages(browser, url, REDIRECT, { email }, pages);
      expect(pages).toEqual(["login", "consent"]);
      const token = await postForm(fakes.google.tokenEndpoint, {
        grant_type: "authorization_code",
        code: redirect.searchParams.get("code") ?? "",
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      });
      emails.push(idTokenClaims(token.body.id_token).email);
    }
    expect(emails).toEqual(["secretariat@lycee.test", "vie-scolaire@lycee.test"]);
  });

  it("enforces PKCE S256 when a challenge was sent", async () => {
    const { challenge } = pkcePair();
    const redirect = await authorizeThroughPages(
      new FormBrowser(),
      authorizationUrl({ prompt: "consent" }, challenge),
      REDIRECT,
      { email: "secretariat@lycee.test" },
    );
    const token = await postForm(fakes.google.tokenEndpoint, {
      grant_type: "authorization_code",
      code: redirect.searchParams.get("code") ?? "",
      redirect_uri: REDIRECT,
      code_verifier: pkcePair().verifier,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(token).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Invalid code verifier." },
    });
  });

  it("refuses a code redeemed with another redirect URI than the authorization request's", async () => {
    const { challenge, verifier } = pkcePair();
    const redirect = await authorizeThroughPages(
      new FormBrowser(),
      authorizationUrl({ prompt: "consent" }, challenge),
      REDIRECT,
      { email: "secretariat@lycee.test" },
    );
    const token = await postForm(fakes.google.tokenEndpoint, {
      grant_type: "authorization_code",
      code: redirect.searchParams.get("code") ?? "",
      redirect_uri: `${REDIRECT}/`,
      code_verifier: verifier,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(token).toEqual({
      status: 400,
      body: { error: "redirect_uri_mismatch", error_description: "Bad Request" },
    });
  });

  it("sends access_denied to the redirect URI when the person denies", async () => {
    const { challenge } = pkcePair();
    const redirect = await authorizeThroughPages(
      new FormBrowser(),
      authorizationUrl({ prompt: "consent" }, challenge),
      REDIRECT,
      { email: "secretariat@lycee.test", deny: true },
    );
    expect(redirect.searchParams.get("error")).toBe("access_denied");
    expect(redirect.searchParams.get("code")).toBeNull();
  });

  it("answers a second redemption of the same code with invalid_grant and keeps the first tokens alive", async () => {
    const first = await connect("vie-scolaire@lycee.test", { prompt: "consent", access_type: "offline" });
    const again = await postForm(fakes.google.tokenEndpoint, {
      grant_type: "authorization_code",
      code: first.code,
      redirect_uri: REDIRECT,
      code_verifier: first.verifier,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(again).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Bad Request" },
    });
    const refreshed = await postForm(fakes.google.tokenEndpoint, {
      grant_type: "refresh_token",
      refresh_token: String(first.token.body.refresh_token),
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(refreshed.status).toBe(200);
  });

  it("refuses an unknown client and a wrong secret with invalid_client", async () => {
    const unknown = await postForm(fakes.google.tokenEndpoint, {
      grant_type: "refresh_token",
      refresh_token: "x",
      client_id: "nobody.apps.googleusercontent.com",
      client_secret: "s",
    });
    expect(unknown).toEqual({
      status: 401,
      body: { error: "invalid_client", error_description: "The OAuth client was not found." },
    });
    const wrong = await postForm(fakes.google.tokenEndpoint, {
      grant_type: "refresh_token",
      refresh_token: "x",
      client_id: CLIENT.clientId,
      client_secret: "not-the-secret",
    });
    expect(wrong).toEqual({
      status: 401,
      body: { error: "invalid_client", error_description: "Unauthorized" },
    });
  });

  it("shows an error page, without redirecting, for a redirect URI that is not registered byte for byte", async () => {
    const { challenge } = pkcePair();
    const url = new URL(authorizationUrl({}, challenge));
    url.searchParams.set("redirect_uri", `${REDIRECT}/`);
    const response = await fetch(url, { redirect: "manual", headers: { accept: "text/html" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('data-error="redirect_uri_mismatch"');
  });
});
