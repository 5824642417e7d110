import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { FormBrowser, postForm } from "./form-browser";

const CLIENT = { clientId: "tv-device.apps.googleusercontent.com", clientSecret: "GOCSPX-device" };
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

let fakes: FakeProvidersHandle;

beforeAll(async () => {
  fakes = await startFakeProviders({
    mailboxes: [{ email: "accueil@ecole.test", provider: "google" }],
    clients: [{ provider: "google", ...CLIENT, redirectUris: ["http://127.0.0.1:3999/cb"] }],
  });
});

afterAll(async () => {
  await fakes.close();
});

function poll(deviceCode: unknown) {
  return postForm(fakes.google.tokenEndpoint, {
    grant_type: DEVICE_GRANT,
    device_code: String(deviceCode),
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
  });
}

describe("Google-like device flow", () => {
  it("refuses the mail scope with invalid_scope", async () => {
    const response = await postForm(fakes.google.deviceEndpoint, {
      client_id: CLIENT.clientId,
      scope: "openid email https://mail.google.com/",
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe("invalid_scope");
  });

  it("answers with verification_url, 1800 s and interval 5, polls with 428 then 403, then tokens", async () => {
    const device = await postForm(fakes.google.deviceEndpoint, {
      client_id: CLIENT.clientId,
      scope: "openid email",
    });
    expect(device.status).toBe(200);
    expect(device.body).toMatchObject({
      expires_in: 1800,
      interval: 5,
      verification_url: fakes.google.verificationUrl,
    });
    expect(device.body.verification_uri).toBeUndefined();
    expect(String(device.body.user_code)).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);

    expect(await poll(device.body.device_code)).toEqual({
      status: 428,
      body: { error: "authorization_pending", error_description: "Precondition Required" },
    });
    expect(await poll(device.body.device_code)).toEqual({
      status: 403,
      body: { error: "slow_down", error_description: "Forbidden" },
    });

    await fakes.control.approveDevice(String(device.body.user_code), "accueil@ecole.test");
    fakes.control.advanceClock(10_000);
    const tokens = await poll(device.body.device_code);
    expect(tokens.status).toBe(200);
    expect(tokens.body.scope).toBe("openid https://www.googleapis.com/auth/userinfo.email");
    expect(typeof tokens.body.refresh_token).toBe("string");
  });

  it("answers access_denied with 403 when the person refuses", async () => {
    const device = await postForm(fakes.google.deviceEndpoint, {
      client_id: CLIENT.clientId,
      scope: "openid",
    });
    await fakes.control.approveDevice(String(device.body.user_code), "accueil@ecole.test", { deny: true });
    expect(await poll(device.body.device_code)).toEqual({
      status: 403,
      body: { error: "access_denied", error_description: "Forbidden" },
    });
  });

  it("can be completed by a person on the verification pages", async () => {
    const device = await postForm(fakes.google.deviceEndpoint, {
      client_id: CLIENT.clientId,
      scope: "openid email",
    });
    const browser = new FormBrowser();
    const input = await (await browser.request(fakes.google.verificationUrl)).text();
    expect(input).toContain('data-testid="fake-device-code"');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(input)?.[1] ?? "";
    const confirm = await browser.request(fakes.google.verificationUrl, {
      form: { xsrf, user_code: String(device.body.user_code).toLowerCase() },
    });
    const confirmPage = await confirm.text();
    expect(confirmPage).toContain('data-testid="fake-device-confirm"');
    let response = await browser.request(fakes.google.verificationUrl, {
      form: { xsrf, user_code: String(device.body.user_code), confirm: "yes" },
    });
    let url = fakes.google.verificationUrl;
    for (let step = 0; step < 10 && response.status !== 200; step += 1) {
      url = new URL(response.headers.get("location") ?? "", url).href;
      response = await browser.request(url);
    }
    const login = await response.text();
    expect(login).toContain('data-testid="fake-login-email"');
    response = await browser.request(new URL(/action="([^"]+)"/.exec(login)?.[1] ?? "", url).href, {
      form: { email: "accueil@ecole.test" },
    });
    let succeeded = false;
    for (let step = 0; step < 10 && !succeeded; step += 1) {
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get("location") ?? "", url).href;
        response = await browser.request(url);
        continue;
      }
      const page = await response.text();
      succeeded = page.includes('data-testid="fake-device-success"');
      if (succeeded) break;
      expect(page).toContain('data-testid="fake-consent-allow"');
      response = await browser.request(new URL(/action="([^"]+)"/.exec(page)?.[1] ?? "", url).href, {
        form: { decision: "allow" },
      });
    }
    expect(succeeded).toBe(true);
    const tokens = await poll(device.body.device_code);
    expect(tokens.status).toBe(200);
  });
});
