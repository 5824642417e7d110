import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { connectMailbox, refresh } from "./connect-mailbox";
import { FormBrowser, authorizeThroughPages, pkcePair, postForm } from "./form-browser";

const TENANT = "0b6e8f4a-3c2d-4e5f-9a8b-7c6d5e4f3a2b";
const OTHER_TENANT = "99999999-8888-4777-8666-555555555555";
const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const CONFIDENTIAL = { clientId: "aaaaaaaa-0000-4000-8000-000000000001", clientSecret: "Abc8Q~secret" };
const PUBLIC = { clientId: "aaaaaaaa-0000-4000-8000-000000000002" };
const SCOPE = "https://outlook.office.com/SMTP.Send offline_access";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

let fakes: FakeProvidersHandle;

beforeAll(async () => {
  fakes = await startFakeProviders({
    acceptAnyAccount: true,
    clients: [
      { provider: "microsoft", ...CONFIDENTIAL, redirectUris: [REDIRECT], tenantId: TENANT, name: "Relais" },
      { provider: "microsoft", ...PUBLIC, redirectUris: [REDIRECT] },
    ],
  });
});

afterAll(async () => {
  await fakes.close();
});

const tokenEndpoint = () => fakes.microsoft.organizations.tokenEndpoint;

/** Asserts Microsoft's error body shape and returns its AADSTS code. */
function expectAadError(
  response: { status: number; body: Record<string, unknown> },
  status: number,
  error: string,
) {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({ error });
  const [code] = response.body.error_codes as number[];
  expect(String(response.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: .+ Trace ID: `));
  for (const field of ["timestamp", "trace_id", "correlation_id"])
    expect(typeof response.body[field]).toBe("string");
  return code;
}

function connectConfidential(email: string) {
  return connectMailbox(fakes, {
    provider: "microsoft",
    email,
    ...CONFIDENTIAL,
    redirectUri: REDIRECT,
    scope: SCOPE,
  });
}

describe("Microsoft-like error bodies", () => {
  it("words client problems with their AADSTS codes", async () => {
    const { tokens } = await connectConfidential("errors@lycee.test");
    const withSecret = (secret: string | undefined, clientId = CONFIDENTIAL.clientId) =>
      refresh(tokenEndpoint(), tokens.refresh_token, { clientId, clientSecret: secret });

    expect(expectAadError(await withSecret("wrong"), 401, "invalid_client")).toBe(7000215);
    expect(expectAadError(await withSecret(undefined), 401, "invalid_client")).toBe(7000218);
    expect(
      expectAadError(
        await withSecret("x", "bbbbbbbb-0000-4000-8000-000000000009"),
        400,
        "unauthorized_client",
      ),
    ).toBe(700016);
    const wrongTenant = await refresh(
      fakes.microsoft.directory(OTHER_TENANT).tokenEndpoint,
      tokens.refresh_token,
      CONFIDENTIAL,
    );
    expect(expectAadError(wrongTenant, 400, "unauthorized_client")).toBe(700016);

    fakes.control.setClientSecretExpired(CONFIDENTIAL.clientId);
    expect(expectAadError(await withSecret(CONFIDENTIAL.clientSecret), 401, "invalid_client")).toBe(7000222);
    fakes.control.setClientSecretExpired(CONFIDENTIAL.clientId, false);

    fakes.control.setConsentRequired(CONFIDENTIAL.clientId);
    expect(expectAadError(await withSecret(CONFIDENTIAL.clientSecret), 400, "invalid_grant")).toBe(65001);
    // An administrator's policy keeps the grant to administrators: AADSTS90094.
    fakes.control.setConsentRequired(CONFIDENTIAL.clientId, true, 90094);
    expect(expectAadError(await withSecret(CONFIDENTIAL.clientSecret), 400, "invalid_grant")).toBe(90094);
    fakes.control.setConsentRequired(CONFIDENTIAL.clientId, false);
    expect((await withSecret(CONFIDENTIAL.clientSecret)).status).toBe(200);
  });

  it("refuses a secret from a public client (700025) and an unknown directory (90002)", async () => {
    const publicWithSecret = await refresh(tokenEndpoint(), "x", { ...PUBLIC, clientSecret: "s" });
    expect(expectAadError(publicWithSecret, 401, "invalid_client")).toBe(700025);
    const unknownDirectory = await postForm(`${fakes.microsoft.baseUrl}/not-a-tenant/oauth2/v2.0/token`, {
      grant_type: "refresh_token",
      refresh_token: "x",
      client_id: PUBLIC.clientId,
    });
    expect(expectAadError(unknownDirectory, 400, "invalid_request")).toBe(90002);
  });

  it("answers a PKCE mismatch with AADSTS501481 and shows an unknown scope as an AADSTS70011 page", async () => {
    const { challenge } = pkcePair();
    const url = new URL(fakes.microsoft.organizations.authorizationEndpoint);
    const params = {
      client_id: PUBLIC.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: SCOPE,
    };
    for (const [name, value] of Object.entries({
      ...params,
      code_challenge: challenge,
      code_challenge_method: "S256",
    })) {
      url.searchParams.set(name, value);
    }
    const redirect = await authorizeThroughPages(new FormBrowser(), url.href, REDIRECT, {
      email: "pkce@lycee.test",
    });
    const token = await postForm(tokenEndpoint(), {
      grant_type: "authorization_code",
      code: redirect.searchParams.get("code") ?? "",
      redirect_uri: REDIRECT,
      code_verifier: pkcePair().verifier,
      client_id: PUBLIC.clientId,
    });
    expect(expectAadError(token, 400, "invalid_grant")).toBe(501481);

    url.searchParams.set("scope", "https://outlook.office.com/SMTP.Send Mail.ReadEverything");
    const page = await fetch(url, { redirect: "manual", headers: { accept: "text/html" } });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('data-error="invalid_scope"');
    expect(html).toContain("AADSTS70011");
  });

  it("answers a second redemption of a code with AADSTS54005 and leaves the first tokens alive", async () => {
    const first = await connectConfidential("double@lycee.test");
    const again = await postForm(tokenEndpoint(), {
      grant_type: "authorization_code",
      code: first.code,
      redirect_uri: REDIRECT,
      code_verifier: first.verifier,
      ...{ client_id: CONFIDENTIAL.clientId, client_secret: CONFIDENTIAL.clientSecret },
    });
    expect(expectAadError(again, 400, "invalid_grant")).toBe(54005);
    expect((await refresh(tokenEndpoint(), first.tokens.refresh_token, CONFIDENTIAL)).status).toBe(200);
  });

  it("classifies invalid grants: unknown token 70000, expired code 70008, revoked grant 50173, expired 700082", async () => {
    expect(
      expectAadError(await refresh(tokenEndpoint(), "garbage", CONFIDENTIAL), 400, "invalid_grant"),
    ).toBe(70000);

    const expiring = await connectConfidential("late@lycee.test");
    fakes.control.expireRefreshTokens("late@lycee.test");
    expect(
      expectAadError(
        await refresh(tokenEndpoint(), expiring.tokens.refresh_token, CONFIDENTIAL),
        400,
        "invalid_grant",
      ),
    ).toBe(700082);

    const { verifier, challenge } = pkcePair();
    const url = new URL(fakes.microsoft.organizations.authorizationEndpoint);
    const params = {
      client_id: CONFIDENTIAL.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: SCOPE,
    };
    for (const [name, value] of Object.entries({
      ...params,
      code_challenge: challenge,
      code_challenge_method: "S256",
    })) {
      url.searchParams.set(name, value);
    }
    const redirect = await authorizeThroughPages(new FormBrowser(), url.href, REDIRECT, {
      email: "slow@lycee.test",
    });
    fakes.control.advanceClock(11 * 60_000);
    const lateRedemption = await postForm(tokenEndpoint(), {
      grant_type: "authorization_code",
      code: redirect.searchParams.get("code") ?? "",
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: CONFIDENTIAL.clientId,
      client_secret: CONFIDENTIAL.clientSecret,
    });
    expect(expectAadError(lateRedemption, 400, "invalid_grant")).toBe(70008);

    const revoked = await connectConfidential("password-reset@lycee.test");
    expect(fakes.control.revokeGrant("password-reset@lycee.test")).toBe(1);
    expect(
      expectAadError(
        await refresh(tokenEndpoint(), revoked.tokens.refresh_token, CONFIDENTIAL),
        400,
        "invalid_grant",
      ),
    ).toBe(50173);
  });
});

describe("Microsoft-like device flow", () => {
  async function startDevice() {
    const device = await postForm(fakes.microsoft.organizations.deviceEndpoint, {
      client_id: PUBLIC.clientId,
      scope: SCOPE,
    });
    expect(device.status).toBe(200);
    return device.body;
  }
  const poll = (deviceCode: unknown) =>
    postForm(tokenEndpoint(), {
      grant_type: DEVICE_GRANT,
      device_code: String(deviceCode),
      client_id: PUBLIC.clientId,
    });

  it("answers with verification_uri and 900 s, pending and slow_down with HTTP 400, then rotating tokens", async () => {
    const device = await startDevice();
    expect(device).toMatchObject({
      expires_in: 900,
      interval: 5,
      verification_uri: fakes.microsoft.verificationUri,
    });
    expect(String(device.message)).toContain(String(device.user_code));
    expect(expectAadError(await poll(device.device_code), 400, "authorization_pending")).toBe(70016);
    expect(expectAadError(await poll(device.device_code), 400, "slow_down")).toBe(70016);
    await fakes.control.approveDevice(String(device.user_code), "device@lycee.test");
    fakes.control.advanceClock(15_000);
    const tokens = await poll(device.device_code);
    expect(tokens.status).toBe(200);
    expect(typeof tokens.body.refresh_token).toBe("string");
  });

  it("answers authorization_declined and expired_token with HTTP 400", async () => {
    const declined = await startDevice();
    await fakes.control.approveDevice(String(declined.user_code), "device@lycee.test", { deny: true });
    expectAadError(await poll(declined.device_code), 400, "authorization_declined");

    const expired = await startDevice();
    fakes.control.advanceClock(901_000);
    expect(expectAadError(await poll(expired.device_code), 400, "expired_token")).toBe(70019);
  });
});
