import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { expectTestId, signIn, useBrowser, watchCspViolations } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { e2eFakes, fakeControl } from "../support/e2e-fakes";
import { seedMember, seedTenant } from "../support/factories";

const PASSWORD = "correct horse battery staple";

/** Screenshots for a person to look at, when RELAIS_SCREENSHOTS_DIR names a folder (never the repository). */
async function shotsAtBothWidths(page: Page, name: string, section: string) {
  const dir = process.env.RELAIS_SCREENSHOTS_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
    // The preflight's own section, readable at full size.
    await page.getByTestId(section).screenshot({ path: path.join(dir, `${name}-${width}-section.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A school whose OAuth application is a public client at the fake Microsoft, with one mailbox. */
async function schoolAtFakeMicrosoft() {
  const fakes = e2eFakes();
  const suffix = randomBytes(4).toString("hex");
  const tenant = await seedTenant();
  const admin = await seedMember(tenant.id, "admin", { password: PASSWORD, locale: "en" });
  const address = `secretariat-${suffix}@lycee.test`;
  const clientId = `00000000-0000-4000-8000-${suffix}0000`;
  await fakeControl("registerClient", {
    provider: "microsoft",
    clientId,
    redirectUris: [`${e2eBaseUrl()}/api/oauth/callback`],
    name: `E2E ${suffix}`,
  });
  await fakeControl("addMailbox", address, { provider: "microsoft" });
  const db = await getDb();
  const configuration = await db.clientConfiguration.create({
    data: {
      tenantId: tenant.id,
      name: `Microsoft 365 ${suffix}`,
      provider: "microsoft",
      clientId,
      authorizationEndpoint: fakes.microsoft.authorizationEndpoint,
      tokenEndpoint: fakes.microsoft.tokenEndpoint,
      deviceEndpoint: fakes.microsoft.deviceEndpoint,
      scopes: ["https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email"],
      defaultFlow: "device_code",
      smtpHost: fakes.smtp.host,
      smtpPort: fakes.smtp.port,
      smtpSecurity: "starttls",
      microsoftDirectory: "organizations",
    },
  });
  const mailbox = await db.mailbox.create({
    data: { tenantId: tenant.id, clientConfigurationId: configuration.id, address },
  });
  return { tenant, admin, configuration, mailbox, clientId };
}

describe.skipIf(!browserTestsRun)("the preflight check in a browser", () => {
  const database = useE2eDatabase();
  const browser = useBrowser();

  it("shows SMTP AUTH switched off right after connecting, and the admin-consent link on the application's check", async () => {
    const { tenant, admin, configuration, mailbox, clientId } = await schoolAtFakeMicrosoft();
    await fakeControl("disableSmtpAuth", mailbox.address, true, "Tenant");
    const page = await browser.newPage();
    const violations = await watchCspViolations(page);
    await signIn(page, admin.email, PASSWORD);

    // Connect with a device code: the preflight runs right after, before any mail.
    await page.goto(`/t/${tenant.slug}/mailboxes/${mailbox.id}/device`);
    await (await expectTestId(page, "device-start")).click();
    const userCode = (await (await expectTestId(page, "device-user-code")).innerText()).trim();
    await fakeControl("approveDevice", userCode, mailbox.address);
    await page.locator('[data-testid="device-status"][data-status="approved"]').waitFor({ timeout: 30_000 });

    const connected = await database.db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(connected).toMatchObject({ state: "connected", lastPreflight: { trigger: "connect" } });
    await page.goto(`/t/${tenant.slug}/mailboxes/${mailbox.id}`);
    const last = await expectTestId(page, "mailbox-preflight-last");
    const lastText = await last.innerText();
    expect(lastText).toContain("right after connecting: failed at “SMTP sign-in”");
    expect(lastText).toContain("SMTP AUTH");
    expect(lastText).toContain("Code for support:");
    await expect(last.getByTestId("preflight-step-smtp").getAttribute("data-status")).resolves.toBe("failed");
    await shotsAtBothWidths(page, "preflight-mailbox-en", "mailbox-preflight");

    // The application's check: the credentials first; consent is missing (AADSTS90094).
    await fakeControl("setConsentRequired", clientId, true, 90094);
    await page.goto(`/t/${tenant.slug}/clients/${configuration.id}`);
    await (await expectTestId(page, "configuration-preflight-run")).click();
    const consent = await expectTestId(page, "preflight-admin-consent");
    await expect(consent.getAttribute("href")).resolves.toBe(
      `${new URL(e2eFakes().microsoft.tokenEndpoint).origin}/organizations/adminconsent?client_id=${clientId}`,
    );
    const section = page.getByTestId("configuration-preflight");
    await expect(section.getByTestId("preflight-step-credentials").getAttribute("data-status")).resolves.toBe(
      "failed",
    );
    await expect(section.getByTestId("configuration-preflight-mailbox-used").innerText()).resolves.toContain(
      mailbox.address,
    );
    expect(await section.innerText()).toContain("Global Administrator");
    await shotsAtBothWidths(page, "preflight-application-en", "configuration-preflight");

    // In French, for a reader who chose it.
    await page.getByTestId("language-switch").selectOption("fr");
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
    await (await expectTestId(page, "configuration-preflight-run")).click();
    await expectTestId(page, "preflight-admin-consent");
    expect(await page.getByTestId("configuration-preflight").innerText()).toContain("administrateur général");
    await shotsAtBothWidths(page, "preflight-application-fr", "configuration-preflight");
    await page.goto(`/t/${tenant.slug}/mailboxes/${mailbox.id}`);
    // The application's check, run last, is the one kept on the mailbox.
    expect(await (await expectTestId(page, "mailbox-preflight-last")).innerText()).toContain(
      "depuis la vérification de l’application OAuth",
    );
    await shotsAtBothWidths(page, "preflight-mailbox-fr", "mailbox-preflight");
    await fakeControl("setConsentRequired", clientId, false);
    expect(violations).toEqual([]);
  });
});
