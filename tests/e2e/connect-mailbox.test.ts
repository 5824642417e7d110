import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { alerts, expectTestId, signIn, useBrowser, watchCspViolations } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { e2eFakes, fakeControl } from "../support/e2e-fakes";
import { seedMember, seedTenant } from "../support/factories";

const PASSWORD = "correct horse battery staple";
const MAIL = "https://mail.google.com/";

/**
 * A school with a member who owns one mailbox, and a client configuration at a
 * fake provider. The application is a public client (PKCE, no secret), so the
 * test process needs no access to the server's encryption key.
 */
async function schoolAtFake(kind: "google" | "microsoft") {
  const fakes = e2eFakes();
  const suffix = randomBytes(4).toString("hex");
  const tenant = await seedTenant();
  const member = await seedMember(tenant.id, "member", { password: PASSWORD });
  const address = `secretariat-${suffix}@lycee.test`;
  const clientId =
    kind === "google" ? `e2e-${suffix}.apps.googleusercontent.com` : `00000000-0000-4000-8000-${suffix}0000`;
  await fakeControl("registerClient", {
    provider: kind,
    clientId,
    redirectUris: [`${e2eBaseUrl()}/api/oauth/callback`],
    name: `E2E ${suffix}`,
  });
  await fakeControl("addMailbox", address, { provider: kind });
  const endpoints = kind === "google" ? fakes.google : fakes.microsoft;
  const db = await getDb();
  const configuration = await db.clientConfiguration.create({
    data: {
      tenantId: tenant.id,
      name: `${kind} ${suffix}`,
      provider: kind,
      clientId,
      authorizationEndpoint: `${endpoints.authorizationEndpoint}${kind === "google" ? "?prompt=consent&access_type=offline" : ""}`,
      tokenEndpoint: endpoints.tokenEndpoint,
      deviceEndpoint: endpoints.deviceEndpoint,
      scopes:
        kind === "google"
          ? [MAIL, "openid", "email"]
          : ["https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email"],
      defaultFlow: kind === "google" ? "authorization_code" : "device_code",
      smtpHost: fakes.smtp.host,
      smtpPort: fakes.smtp.port,
      smtpSecurity: "starttls",
      microsoftDirectory: kind === "microsoft" ? "organizations" : null,
    },
  });
  const mailbox = await db.mailbox.create({
    data: {
      tenantId: tenant.id,
      clientConfigurationId: configuration.id,
      address,
      assignments: { create: [{ userId: member.id }] },
    },
  });
  return { tenant, member, mailbox };
}

describe.skipIf(!browserTestsRun)("connecting a mailbox in a browser", () => {
  const database = useE2eDatabase();
  const browser = useBrowser();

  it("a member connects their mailbox at the fake Google; authorizing again without the mail scope says what is missing", async () => {
    const { tenant, member, mailbox } = await schoolAtFake("google");
    const page = await browser.newPage();
    const violations = await watchCspViolations(page);
    await signIn(page, member.email, PASSWORD);
    await page.goto(`/t/${tenant.slug}/my-mailboxes`);
    await (await expectTestId(page, `my-mailbox-connect-${mailbox.address}`)).click();

    await expect.poll(() => page.getByTestId("fake-login-email").inputValue()).toBe(mailbox.address);
    await page.getByTestId("fake-login-submit").click();
    await (await expectTestId(page, "fake-consent-allow")).click();
    await page.waitForURL((url) => url.pathname === "/oauth/result");
    expect(await page.getByTestId("oauth-result").getAttribute("data-outcome")).toBe("connected");
    expect(await page.getByTestId("oauth-result").innerText()).toContain(mailbox.address);
    const connected = await database.db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(connected).toMatchObject({ state: "connected", authorizedAccount: mailbox.address });
    expect(connected.refreshTokenCipher).not.toBeNull();

    await page.getByTestId("oauth-result-back").click();
    await page.waitForURL((url) => url.pathname === `/t/${tenant.slug}/my-mailboxes`);

    // The fake keeps the browser signed in; prompt=consent shows the consent page again.
    await page.goto(`/api/oauth/authorize?tenant=${tenant.slug}&mailbox=${mailbox.id}`);
    await (await expectTestId(page, `fake-consent-scope-${MAIL}`)).uncheck();
    await page.getByTestId("fake-consent-allow").click();
    await page.waitForURL((url) => url.pathname === "/oauth/result");
    expect(await page.getByTestId("oauth-result").getAttribute("data-outcome")).toBe("insufficient_scope");
    expect(await page.getByTestId("oauth-result-missing").innerText()).toContain(MAIL);
    await expectTestId(page, "oauth-result-retry");
    expect(await alerts(page).count()).toBe(0);
    expect((await database.db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).state).toBe(
      "insufficient_scope",
    );
    expect(violations).toEqual([]);
  });

  it("the device page shows a code and its QR code, and turns to connected once the code is approved", async () => {
    const { tenant, member, mailbox } = await schoolAtFake("microsoft");
    const page = await browser.newPage({ locale: "fr-FR" });
    const violations = await watchCspViolations(page);
    await signIn(page, member.email, PASSWORD);
    await page.goto(`/t/${tenant.slug}/mailboxes/${mailbox.id}/device`);
    await (await expectTestId(page, "device-start")).click();
    const userCode = (await (await expectTestId(page, "device-user-code")).innerText()).trim();
    expect(userCode).not.toBe("");
    expect(await page.getByTestId("device-verification-uri").getAttribute("href")).toBe(
      e2eFakes().microsoft.verificationUri,
    );
    expect(await page.getByTestId("device-qr").getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId("device-status").getAttribute("data-status")).toBe("pending");

    await fakeControl("approveDevice", userCode, mailbox.address);
    await page.locator('[data-testid="device-status"][data-status="approved"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("device-status").innerText()).toContain("connectée");
    expect((await database.db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).state).toBe(
      "connected",
    );
    // The QR code is a data: image, which the policy allows; nothing else was refused either.
    expect(violations).toEqual([]);
  });
});
