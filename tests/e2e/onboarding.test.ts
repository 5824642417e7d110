import { describe, expect, it } from "vitest";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";

const password = "correct horse battery staple";

describe.skipIf(!browserTestsRun)("a new school's first steps in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("leads from a new OAuth application to a new mailbox to connecting it", async () => {
    const tenant = await seedTenant({ name: "Collège Camille Claudel" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/clients/new`);

    await (await expectTestId(page, "client-preset-google")).click();
    await page.getByTestId("client-name").fill("Google staff");
    await page.getByTestId("client-id").fill("1234-onboarding.apps.googleusercontent.com");
    await page.getByTestId("client-secret").fill("GOCSPX-onboarding-secret");
    await page.getByTestId("client-submit").click();
    const next = await expectTestId(page, "next-steps");
    await expect(next.innerText()).resolves.toContain("OAuth application “Google staff” added");
    const config = await e2e.db.clientConfiguration.findFirstOrThrow({ where: { tenantId: tenant.id } });

    // The next step opens the mailbox form with this application already chosen.
    await page.getByTestId("next-step-add-mailbox").click();
    await page.waitForURL((url) => url.pathname === `/t/${tenant.slug}/mailboxes/new`);
    await expect(page.getByTestId("mailbox-configuration").inputValue()).resolves.toBe(config.id);
    await page.getByTestId("mailbox-address").fill("secretariat@college.test");
    await page.getByTestId("mailbox-submit").click();

    const mailbox = await expectTestId(page, "next-steps");
    await expect(mailbox.innerText()).resolves.toContain("Mailbox secretariat@college.test added");
    const row = await e2e.db.mailbox.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(row).toMatchObject({ address: "secretariat@college.test", clientConfigurationId: config.id });
    expect(new URL(page.url()).pathname).toBe(`/t/${tenant.slug}/mailboxes/${row.id}`);
    await expect(page.getByTestId("next-step-connect").getAttribute("href")).resolves.toBe(
      `/api/oauth/authorize?tenant=${tenant.slug}&mailbox=${row.id}`,
    );
    // The link step points at the section that sends connect links, which is on the page.
    await expect(page.getByTestId("next-step-link").getAttribute("href")).resolves.toBe("#links-heading");
    await expect(page.locator("#links-heading").count()).resolves.toBe(1);

    // Opened again later, the page no longer offers the first steps.
    await page.goto(`/t/${tenant.slug}/mailboxes/${row.id}`);
    await expectTestId(page, "mailbox-address-heading");
    await expect(page.getByTestId("next-steps").count()).resolves.toBe(0);
  });

  it("lands a person in the school they used last when they sign in again", async () => {
    const first = await seedTenant({ name: "Aubrac school" });
    const second = await seedTenant({ name: "Vercors school" });
    const person = await seedMember(first.id, "admin", { password });
    await e2e.db.membership.create({ data: { tenantId: second.id, userId: person.id, role: "member" } });

    const page = await browser.newPage();
    await signIn(page, person.email, password);
    await page.waitForURL((url) => url.pathname === `/t/${first.slug}`);

    await page.goto(`/t/${second.slug}/my-mailboxes`);
    await expectTestId(page, "my-mailboxes-empty");
    await page.context().clearCookies();
    await signIn(page, person.email, password);
    await page.waitForURL((url) => url.pathname === `/t/${second.slug}`);
    await expect((await expectTestId(page, "tenant-name")).innerText()).resolves.toBe(second.name);
  });
});
