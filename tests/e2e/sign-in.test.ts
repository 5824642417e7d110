import { describe, expect, it } from "vitest";
import { alerts, expectTestId, sessionCookie, signIn, useBrowser } from "../support/browser";
import { capturedMailTo, linkIn, useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";

const password = "correct horse battery staple";

describe.skipIf(!browserTestsRun)("signing in and out in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  async function seedPerson() {
    const tenant = await seedTenant({ name: "Collège Jean Moulin" });
    const person = await seedMember(tenant.id, "admin", { password });
    return { tenant, person };
  }

  it("sends a signed-out visitor to the sign-in page", async () => {
    const { tenant } = await seedPerson();
    const page = await browser.newPage();
    await page.goto(`/t/${tenant.slug}`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Sign in to Relais");
  });

  it("refuses a wrong password with the generic error and opens no session", async () => {
    const { tenant, person } = await seedPerson();
    const page = await browser.newPage();
    await page.goto("/signin");
    const form = page.locator("form", { has: page.getByTestId("signin-submit") });
    await form.locator('input[name="email"]').fill(person.email);
    await form.locator('input[name="password"]').fill("not the password");
    await page.getByTestId("signin-submit").click();

    await expect(form.getByRole("alert").innerText()).resolves.toBe("Wrong email address or password.");
    expect(await sessionCookie(page)).toBeUndefined();
    const attempts = await e2e.db.signInAttempt.findMany({ where: { email: person.email } });
    expect(attempts.map((a) => a.succeeded)).toEqual([false]);
    await page.goto(`/t/${tenant.slug}`);
    expect(new URL(page.url()).pathname).toBe("/signin");
  });

  it("counts failures against the socket's address, not the X-Forwarded-For or X-Real-IP the browser sends", async () => {
    const { person } = await seedPerson();
    const page = await browser.newPage();
    // No proxy is trusted here: before, the server took a client-written X-Forwarded-For as the address.
    await page.context().setExtraHTTPHeaders({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" });
    await page.goto("/signin");
    const form = page.locator("form", { has: page.getByTestId("signin-submit") });
    await form.locator('input[name="email"]').fill(person.email);
    await form.locator('input[name="password"]').fill("not the password");
    await page.getByTestId("signin-submit").click();
    await form.getByRole("alert").waitFor();

    const attempts = await e2e.db.signInAttempt.findMany({ where: { email: person.email } });
    expect(attempts.map((attempt) => attempt.ip)).toEqual(["127.0.0.1"]);
  });

  it("signs in with the right password, shows the tenant, and signs out again", async () => {
    const { tenant, person } = await seedPerson();
    const page = await browser.newPage();
    await page.goto(`/t/${tenant.slug}`);
    await signIn(page, person.email, password, page.url());

    expect(new URL(page.url()).pathname).toBe(`/t/${tenant.slug}`);
    await expect((await expectTestId(page, "tenant-name")).innerText()).resolves.toBe(tenant.name);
    expect(await sessionCookie(page)).toBeDefined();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/signin");
    expect(await sessionCookie(page)).toBeUndefined();
    await page.goto(`/t/${tenant.slug}`);
    expect(new URL(page.url()).pathname).toBe("/signin");
  });

  it("signs in with a one-time email link, which then cannot be used again", async () => {
    const { tenant, person } = await seedPerson();
    const page = await browser.newPage();
    await page.goto("/signin");
    const since = new Date();
    const requestForm = page.getByTestId("link-request-form");
    await requestForm.locator('input[name="email"]').fill(person.email);
    await page.getByTestId("link-request-submit").click();
    await requestForm.getByRole("status").waitFor();

    const mail = await capturedMailTo(e2e.db, person.email, since);
    const link = linkIn(mail.text, e2eBaseUrl());
    expect(new URL(link).pathname).toBe("/signin/link");

    await page.goto(link);
    await page.getByTestId("link-continue").click();
    await page.waitForURL((url) => url.pathname === `/t/${tenant.slug}`);
    await expect((await expectTestId(page, "tenant-name")).innerText()).resolves.toBe(tenant.name);
    const links = await e2e.db.signInLink.findMany({ where: { userId: person.id } });
    expect(links).toHaveLength(1);
    expect(links[0]?.usedAt).not.toBeNull();

    const again = await browser.newPage();
    await again.goto(link);
    const alert = alerts(again);
    await expect(alert.innerText()).resolves.toContain("This sign-in link has already been used.");
    await expect(again.getByTestId("link-continue").count()).resolves.toBe(0);
    await again.getByTestId("link-request-new").click();
    await again.waitForURL((url) => url.pathname === "/signin");
    expect(await sessionCookie(again)).toBeUndefined();
  });

  it("answers a signed-out audit export with 401 or a redirect to sign-in, never the log", async () => {
    const { tenant } = await seedPerson();
    const response = await fetch(`${e2eBaseUrl()}/t/${tenant.slug}/audit/export`, { redirect: "manual" });
    const location = response.headers.get("location");
    const toSignIn =
      response.status >= 300 &&
      response.status < 400 &&
      location !== null &&
      new URL(location, e2eBaseUrl()).pathname === "/signin";
    const answer = `HTTP ${response.status}${location ? ` to ${location}` : ""}`;
    expect(response.status === 401 || toSignIn, `answered ${answer}`).toBe(true);
  });
});
