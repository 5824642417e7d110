import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";

const adminPassword = "correct horse battery staple";
const googleSecret = "GOCSPX-browser-test-secret";

/** Submits the configuration form and waits for the configuration's own page. */
async function submitNew(page: Page) {
  await page.getByTestId("client-submit").click();
  await page.waitForURL((url) => /\/clients\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 20_000 });
  await expectTestId(page, "client-form");
}

describe.skipIf(!browserTestsRun)("OAuth client configurations in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("creates Google and Microsoft configurations from presets and shows what to check", async () => {
    const tenant = await seedTenant({ name: "Collège Jean Moulin" });
    const admin = await seedMember(tenant.id, "admin", { password: adminPassword });
    const page = await browser.newPage();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: e2eBaseUrl() });
    await signIn(page, admin.email, adminPassword, `/signin?callbackUrl=/t/${tenant.slug}/clients/new`);

    // Google, from the preset: only the client ID and secret are typed.
    await (await expectTestId(page, "client-preset-google")).click();
    await expectTestId(page, "client-form");
    const redirectUri = `${e2eBaseUrl()}/api/oauth/callback`;
    await expect(page.getByTestId("redirect-uri").inputValue()).resolves.toBe(redirectUri);
    await page.getByTestId("copy-redirect-uri").click();
    // The clipboard answers asynchronously: wait for the status rather than read it at once.
    await page
      .getByTestId("copy-redirect-uri-status")
      .filter({ hasText: "Copied" })
      .waitFor({ timeout: 10_000 });
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(redirectUri);
    await page.getByTestId("client-name").fill("Google staff");
    await page.getByTestId("client-id").fill("1234-e2e.apps.googleusercontent.com");
    await page.getByTestId("client-secret").fill(googleSecret);
    await submitNew(page);

    const google = await e2e.db.clientConfiguration.findFirstOrThrow({
      where: { tenantId: tenant.id, name: "Google staff" },
    });
    expect(google).toMatchObject({
      provider: "google",
      clientId: "1234-e2e.apps.googleusercontent.com",
      scopes: ["https://mail.google.com/", "openid", "email"],
      pkce: true,
    });
    expect(google.clientSecretCipher).not.toContain(googleSecret);
    await expect(page.getByTestId("client-warnings").count()).resolves.toBe(0);
    await expect(page.getByTestId("client-secret-hint").innerText()).resolves.toContain("••••cret");
    await expect(page.content()).resolves.not.toContain(googleSecret);

    // Only gmail.send: saved, with the SMTP warning.
    await page.getByTestId("client-scopes").fill("https://www.googleapis.com/auth/gmail.send");
    await page.getByTestId("client-submit").click();
    const googleWarnings = await expectTestId(page, "client-warnings");
    await expect(googleWarnings.innerText()).resolves.toContain("https://mail.google.com/");
    const updated = await e2e.db.clientConfiguration.findUniqueOrThrow({ where: { id: google.id } });
    expect(updated.scopes).toEqual(["https://www.googleapis.com/auth/gmail.send"]);
    // A blank secret field kept the stored secret.
    expect(updated.clientSecretCipher).toBe(google.clientSecretCipher);

    // The secret's expiry date, typed: shown with the days left, amber within 30 days, with the fix.
    const expiresOn = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId("client-secret-expires-on").fill(expiresOn);
    await page.getByTestId("client-submit").click();
    const expiry = await expectTestId(page, "client-secret-expiry");
    await expect(expiry.getAttribute("data-tone")).resolves.toBe("soon");
    await expect(expiry.innerText()).resolves.toMatch(/Client secret expires on .+ — in 20 days\./);
    await expect(expiry.innerText()).resolves.toContain("Google Cloud console");
    const dated = await e2e.db.clientConfiguration.findUniqueOrThrow({ where: { id: google.id } });
    expect(dated.clientSecretExpiresOn?.toISOString().slice(0, 10)).toBe(expiresOn);

    // Microsoft 365 for any work or school account.
    await page.goto(`/t/${tenant.slug}/clients/new`);
    await (await expectTestId(page, "client-directory")).fill("organizations");
    await page.getByTestId("client-preset-microsoft").click();
    await expectTestId(page, "client-form");
    const device = page.getByTestId("client-device-endpoint");
    await expect(device.inputValue()).resolves.toBe(
      "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode",
    );
    // The device endpoint follows the authorization endpoint until it is edited by hand.
    const authorization = page.getByTestId("client-authorization-endpoint");
    await authorization.fill("https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
    await expect(device.inputValue()).resolves.toBe(
      "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode",
    );
    await authorization.fill("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize");
    await page.getByTestId("client-name").fill("Microsoft staff");
    await page.getByTestId("client-id").fill("11111111-2222-3333-4444-555555555555");
    await page.getByTestId("client-scopes").fill("https://outlook.office.com/SMTP.Send\nopenid\nemail");
    await submitNew(page);
    const microsoftWarnings = await expectTestId(page, "client-warnings");
    await expect(microsoftWarnings.innerText()).resolves.toContain("offline_access");
    await expect(page.getByTestId("redirect-uri").inputValue()).resolves.toBe(redirectUri);
    const microsoft = await e2e.db.clientConfiguration.findFirstOrThrow({
      where: { tenantId: tenant.id, name: "Microsoft staff" },
    });
    expect(microsoft).toMatchObject({
      provider: "microsoft",
      microsoftDirectory: "organizations",
      deviceEndpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode",
      clientSecretCipher: null,
    });

    // Google refuses mail scopes in the device flow: refused on the flow field.
    await page.goto(`/t/${tenant.slug}/clients/new?preset=google`);
    await page.getByTestId("client-name").fill("Google device");
    await page.getByTestId("client-id").fill("5678-e2e.apps.googleusercontent.com");
    await page.getByTestId("client-secret").fill(googleSecret);
    await page.getByTestId("client-flow").selectOption("device_code");
    await page.getByTestId("client-submit").click();
    const errors = await expectTestId(page, "client-errors");
    await expect(errors.innerText()).resolves.toContain(
      "Google does not allow mail scopes in the device flow",
    );
    await expect(page.getByTestId("client-flow").getAttribute("aria-invalid")).resolves.toBe("true");
    expect(page.url()).toContain("/clients/new");
    await expect(
      e2e.db.clientConfiguration.count({ where: { tenantId: tenant.id, name: "Google device" } }),
    ).resolves.toBe(0);

    // The list shows both.
    await page.goto(`/t/${tenant.slug}/clients`);
    const table = await expectTestId(page, "clients-table");
    await expect(table.getByTestId("client-row-Google staff").count()).resolves.toBe(1);
    await expect(table.getByTestId("client-row-Microsoft staff").count()).resolves.toBe(1);
    await expect(table.locator("tbody tr").count()).resolves.toBe(2);
    await expect(
      table.getByTestId("client-row-Google staff").getByTestId("client-row-secret-expiry").innerText(),
    ).resolves.toBe("Secret expires in 20 days");
    await expect(
      table.getByTestId("client-row-Microsoft staff").getByTestId("client-row-secret-expiry").count(),
    ).resolves.toBe(0);

    // Malformed and foreign ids are "not found", never a server error.
    const other = await seedTenant();
    const foreign = await e2e.db.clientConfiguration.create({
      data: {
        tenantId: other.id,
        name: "Foreign configuration Zq9",
        provider: "custom",
        scopes: ["openid"],
        smtpHost: "smtp.example.org",
        smtpPort: 587,
        smtpSecurity: "starttls",
      },
    });
    for (const id of ["not-a-uuid", foreign.id]) {
      const response = await page.goto(`/t/${tenant.slug}/clients/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.content()).resolves.not.toContain("Foreign configuration Zq9");
    }
  });

  it("is not there for a member who is not an administrator", async () => {
    const tenant = await seedTenant();
    const member = await seedMember(tenant.id, "member", { password: adminPassword });
    const page = await browser.newPage();
    await signIn(page, member.email, adminPassword, `/signin?callbackUrl=/t/${tenant.slug}`);
    await expect(page.locator(`a[href="/t/${tenant.slug}/clients"]`).count()).resolves.toBe(0);
    for (const path of ["clients", "clients/new"]) {
      const response = await page.goto(`/t/${tenant.slug}/${path}`);
      expect(response?.status()).toBe(404);
    }
  });
});
