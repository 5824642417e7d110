import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProviders, type FakeProvidersHandle } from "@/dev/fake-providers";
import { pkcePair, postForm } from "./form-browser";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let fakes: FakeProvidersHandle;
let browser: Browser;
let callback: Server;
let redirectUri: string;

// The pages are meant for browser tests: check them once in a real Chromium, where it is installed.
describe.skipIf(!existsSync(CHROMIUM))("fake provider pages in Chromium", () => {
  beforeAll(async () => {
    callback = createServer((_req, res) => res.end("callback"));
    await new Promise<void>((resolve) => callback.listen(0, "127.0.0.1", resolve));
    redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/api/oauth/callback`;
    fakes = await startFakeProviders({
      mailboxes: [
        { email: "a@lycee.test", provider: "google" },
        { email: "b@college.test", provider: "microsoft" },
      ],
      clients: [
        { provider: "google", clientId: "g-client", clientSecret: "s", redirectUris: [redirectUri] },
        { provider: "microsoft", clientId: "m-client", redirectUris: [redirectUri] },
      ],
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await fakes?.close();
    callback?.close();
  });

  it("drives Google's sign-in and granular consent by test ids", async () => {
    const page = await (await browser.newContext()).newPage();
    const url = new URL(fakes.google.authorizationEndpoint);
    const params = {
      client_id: "g-client",
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "openid email https://mail.google.com/",
      prompt: "consent",
      access_type: "offline",
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    await page.goto(url.href);
    await page.getByTestId("fake-login-email").fill("a@lycee.test");
    await page.getByTestId("fake-login-submit").click();
    await page.getByTestId("fake-consent-scope-https://mail.google.com/").uncheck();
    await page.getByTestId("fake-consent-allow").click();
    await page.waitForURL((target) => target.href.startsWith(redirectUri));
    const granted = new URL(page.url()).searchParams.get("scope");
    expect(granted?.split(" ")).not.toContain("https://mail.google.com/");
  }, 30_000);

  it("drives Microsoft's consent and the device code pages", async () => {
    const page = await (await browser.newContext()).newPage();
    const { challenge } = pkcePair();
    const url = new URL(fakes.microsoft.organizations.authorizationEndpoint);
    const params = {
      client_id: "m-client",
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "https://outlook.office.com/SMTP.Send offline_access",
      code_challenge: challenge,
      code_challenge_method: "S256",
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    await page.goto(url.href);
    await page.getByTestId("fake-login-email").fill("b@college.test");
    await page.getByTestId("fake-login-submit").click();
    await page.getByTestId("fake-consent-allow").click();
    await page.waitForURL((target) => target.href.startsWith(redirectUri));
    expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();

    const device = await postForm(fakes.microsoft.organizations.deviceEndpoint, {
      client_id: "m-client",
      scope: "https://outlook.office.com/SMTP.Send offline_access",
    });
    await page.goto(String(device.body.verification_uri));
    await page.getByTestId("fake-device-code").fill(String(device.body.user_code));
    await page.getByTestId("fake-device-submit").click();
    await page.getByTestId("fake-device-confirm").click();
    // Already signed in and consented in this browser: straight to the end.
    await page.getByTestId("fake-device-success").waitFor();
  }, 30_000);
});
