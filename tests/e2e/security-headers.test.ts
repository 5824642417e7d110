import type { APIResponse } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectTestId, signIn, useBrowser, watchCspViolations } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { seedRelayedMail } from "../support/seed-relay";

const password = "correct horse battery staple";

/** The nonce of a response's policy; fails when there is no policy or no nonce. */
function nonceOf(policy: string | null | undefined): string {
  const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy ?? "")?.[1];
  if (!nonce) return expect.fail(`no nonce in the Content-Security-Policy: ${policy}`);
  return nonce;
}

/** Every script element of a page's HTML carries the response's nonce, and no element a style attribute. */
async function expectNonceOnEveryScript(response: APIResponse, what: string) {
  expect(response.status(), what).toBe(200);
  const nonce = nonceOf(response.headers()["content-security-policy"]);
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, what).toBeGreaterThan(0);
  expect(
    scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`)),
    what,
  ).toEqual([]);
  expect(html.match(/<[a-z][^>]*\sstyle="[^"]*"[^>]*>/g) ?? [], what).toEqual([]);
}

describe.skipIf(!browserTestsRun)("security headers and the Content-Security-Policy in a browser", () => {
  useE2eDatabase();
  const browser = useBrowser();

  async function school() {
    const tenant = await seedTenant({ name: "Lycée Victor Hugo" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedClientConfiguration(tenant.id, { name: "Google", provider: "google" });
    const mailbox = await seedMailbox(tenant.id, config.id, {
      address: "secretariat@lycee-hugo.test",
      state: "connected",
      assignedTo: [admin.id],
    });
    // Mail of the last 24 hours: the overview draws its chart (SVG), which must need no style attribute.
    await seedRelayedMail(tenant.id, mailbox.id, null, { status: "failed" });
    return { tenant, admin, mailbox };
  }

  it("runs the main pages signed in as an admin without a single violation, and they stay interactive", async () => {
    const { tenant, admin, mailbox } = await school();
    const page = await browser.newPage();
    const violations = await watchCspViolations(page);

    // Signing in goes through the form's script (next-auth's signIn): without it the browser would stay here.
    await page.goto("/signin");
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    await expectTestId(page, "dashboard");
    await expectTestId(page, "mail-activity-chart");

    // A client-side navigation: the window (and this marker) survive, which a full page load would not.
    await page.evaluate(() => {
      (window as unknown as { __relaisMarker: string }).__relaisMarker = "still here";
    });
    await page.getByRole("navigation").getByRole("link", { name: "Mailboxes", exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/t/${tenant.slug}/mailboxes`);
    await expect(
      page.evaluate(() => (window as unknown as { __relaisMarker?: string }).__relaisMarker),
    ).resolves.toBe("still here");

    const base = `/t/${tenant.slug}`;
    for (const path of [
      base,
      `${base}/mailboxes`,
      `${base}/mailboxes/${mailbox.id}`,
      `${base}/compose`,
      `${base}/clients`,
      `${base}/relay`,
      `${base}/webhooks`,
      `${base}/audit`,
    ]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await expectNonceOnEveryScript(await page.request.get(path), path);
    }

    // A form that answers through a server action (script): the webhook form refuses a missing address.
    await page.goto(`${base}/webhooks`);
    await page.getByTestId("webhook-create").click();
    await expectTestId(page, "webhook-error-url");

    expect(violations).toEqual([]);

    // The watcher does see a violation: an image from elsewhere is refused.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML("beforeend", '<img alt="" src="https://tracker.example/pixel.png">');
    });
    // …and hears of it both ways: the event, and Chromium's console error.
    await expect
      .poll(() => violations.some((v) => v.startsWith("img-src refused https://tracker.example/pixel.png")))
      .toBe(true);
    await expect
      .poll(() => violations.some((v) => v.startsWith("console:") && v.includes("tracker.example")))
      .toBe(true);
  });

  it("the sign-in page runs its scripts with the nonce too", async () => {
    const page = await browser.newPage();
    const violations = await watchCspViolations(page);
    await page.goto("/signin");
    await page.waitForLoadState("networkidle");
    await expectNonceOnEveryScript(await page.request.get("/signin"), "/signin");
    expect(violations).toEqual([]);
  });

  it("sends a new nonce each time, framing refused, no HSTS over http, and no referrer from the OAuth pages", async () => {
    const { tenant, admin, mailbox } = await school();
    const get = (path: string) => fetch(`${e2eBaseUrl()}${path}`, { redirect: "manual" });

    const [first, second] = await Promise.all([get("/signin"), get("/signin")]);
    const policy = first.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("img-src 'self' data:");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(nonceOf(policy)).not.toBe(nonceOf(second.headers.get("content-security-policy")));
    expect(first.headers.get("strict-transport-security")).toBeNull();
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("same-origin");

    for (const path of [
      "/connect/not-a-real-token",
      "/api/oauth/callback?state=unknown&code=x",
      "/oauth/result",
    ]) {
      const response = await get(path);
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    }

    // The device page, signed in, and a page next to it that keeps the usual policy.
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    const device = await page.request.get(`/t/${tenant.slug}/mailboxes/${mailbox.id}/device`, {
      maxRedirects: 0,
    });
    expect(device.headers()["referrer-policy"]).toBe("no-referrer");
    const mailboxPage = await page.request.get(`/t/${tenant.slug}/mailboxes/${mailbox.id}`);
    expect(mailboxPage.headers()["referrer-policy"]).toBe("same-origin");

    // Static files are not pages: no policy, but the fixed headers.
    const html = await (await get("/signin")).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const script = await get(asset!);
    expect(script.status).toBe(200);
    expect(script.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
