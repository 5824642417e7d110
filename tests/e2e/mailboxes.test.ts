import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { capturedMailTo, linkIn, useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

const password = "correct horse battery staple";

/** Chooses a CSV file in the import form and submits it. */
async function importCsv(page: Page, text: string) {
  await (
    await expectTestId(page, "import-file")
  ).setInputFiles({
    name: "mailboxes.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(text, "utf8"),
  });
  await page.getByTestId("import-submit").click();
}

describe.skipIf(!browserTestsRun)("mailboxes in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("an admin adds and imports mailboxes, sends a connect link that opens the connect page, and a member sees only their own", async () => {
    const tenant = await seedTenant({ name: "Lycée Victor Hugo" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const member = await seedMember(tenant.id, "member", { password });
    await seedClientConfiguration(tenant.id, { name: "Microsoft 365", provider: "microsoft" });
    const stamp = Date.now().toString(36);
    const added = `secretariat-${stamp}@lycee.test`;

    // Add one mailbox through the form.
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/mailboxes/new`);
    await (await expectTestId(page, "mailbox-address")).fill(added.toUpperCase());
    await page.getByTestId("mailbox-name").fill("Secrétariat");
    await page.getByTestId("mailbox-configuration").selectOption({ label: "Microsoft 365" });
    await page.getByTestId("mailbox-submit").click();
    await page.waitForURL((url) => url.pathname === `/t/${tenant.slug}/mailboxes`, { timeout: 20_000 });
    const row = (await expectTestId(page, "mailboxes-table")).getByTestId(`mailbox-row-${added}`);
    await expect(row.innerText()).resolves.toContain("Not connected yet");

    // An import with one bad row imports nothing and names the row; the corrected file imports.
    await page.goto(`/t/${tenant.slug}/mailboxes/import`);
    const header = "address;display_name;configuration;members";
    const good = `vie-${stamp}@lycee.test;Vie scolaire;Microsoft 365;${member.email}`;
    await importCsv(page, `${header}\n${good}\nnot-an-address;Oops;Microsoft 365;\n`);
    const report = await expectTestId(page, "import-report");
    await expect(report.getByTestId("import-row-3").innerText()).resolves.toContain(
      "This is not a valid email address.",
    );
    await expect(e2e.db.mailbox.count({ where: { tenantId: tenant.id } })).resolves.toBe(1);
    await importCsv(page, `${header}\n${good}\n`);
    await expect((await expectTestId(page, "import-result")).innerText()).resolves.toContain(
      "1 mailbox imported.",
    );
    const imported = await e2e.db.mailbox.findFirstOrThrow({
      where: { tenantId: tenant.id, address: `vie-${stamp}@lycee.test` },
      include: { assignments: true },
    });
    expect(imported.assignments.map((a) => a.userId)).toEqual([member.id]);

    // Send a connect link to the added mailbox from the table.
    await page.goto(`/t/${tenant.slug}/mailboxes`);
    await (await expectTestId(page, `mailbox-select-${added}`)).check();
    const since = new Date();
    await page.getByTestId("send-connect-links").click();
    await page
      .getByTestId("connect-links-result")
      .filter({ hasText: "1 link sent" })
      .waitFor({ timeout: 10_000 });
    const mail = await capturedMailTo(e2e.db, added, since);
    expect(mail.text).toContain("/connect/");
    expect(mail.subject).toContain(tenant.name);
    const link = linkIn(mail.text, e2eBaseUrl());

    // The owner opens it without an account.
    const owner = await browser.newPage();
    await owner.goto(link);
    await expect((await expectTestId(owner, "connect-address")).innerText()).resolves.toContain(added);
    await expect(owner.getByTestId("connect-tenant").innerText()).resolves.toBe(tenant.name);
    const token = new URL(link).pathname.split("/").pop()!;
    await expect(owner.getByTestId("connect-start").getAttribute("href")).resolves.toBe(
      `/api/oauth/authorize?link=${token}`,
    );
    await expect(owner.getByTestId("connect-device").getAttribute("href")).resolves.toBe(
      `/connect/${token}/device`,
    );
    const unknown = await browser.newPage();
    await unknown.goto("/connect/not-a-real-token");
    await expect(
      (await expectTestId(unknown, "connect-link-state")).getAttribute("data-state"),
    ).resolves.toBe("unknown");

    // The member sees the imported mailbox assigned to them, and not the other one.
    const memberPage = await browser.newPage();
    await signIn(memberPage, member.email, password, `/signin?callbackUrl=/t/${tenant.slug}/my-mailboxes`);
    const mine = await expectTestId(memberPage, "my-mailboxes");
    await expect(mine.getByTestId(`my-mailbox-vie-${stamp}@lycee.test`).count()).resolves.toBe(1);
    await expect(mine.getByTestId(`my-mailbox-${added}`).count()).resolves.toBe(0);
    await expect(
      memberPage.getByTestId(`my-mailbox-connect-vie-${stamp}@lycee.test`).getAttribute("href"),
    ).resolves.toBe(`/api/oauth/authorize?tenant=${tenant.slug}&mailbox=${imported.id}`);
    // The admin's list is not theirs.
    const forbidden = await memberPage.goto(`/t/${tenant.slug}/mailboxes`);
    expect(forbidden?.status()).toBe(404);
  });

  it("the mailbox page says what is missing, sends and revokes a link, and hides foreign mailboxes", async () => {
    const tenant = await seedTenant({ name: "Collège Jules Ferry" });
    const other = await seedTenant({ name: "Collège voisin" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const configuration = await seedClientConfiguration(tenant.id, {
      name: "Microsoft",
      provider: "microsoft",
    });
    const otherConfiguration = await seedClientConfiguration(other.id, { provider: "microsoft" });
    const smtp = "https://outlook.office.com/SMTP.Send";
    const mailbox = await seedMailbox(tenant.id, configuration.id, {
      address: `cdi-${Date.now().toString(36)}@college.test`,
      state: "insufficient_scope",
      withTokens: true,
      grantedScopes: ["https://outlook.office.com/IMAP.AccessAsUser.All"],
    });
    const foreign = await seedMailbox(other.id, otherConfiguration.id);

    const page = await browser.newPage({ locale: "fr-FR" });
    await signIn(
      page,
      admin.email,
      password,
      `/signin?callbackUrl=/t/${tenant.slug}/mailboxes/${mailbox.id}`,
    );
    const state = await expectTestId(page, "mailbox-state");
    await expect(state.getAttribute("data-state")).resolves.toBe("insufficient_scope");
    await expect(state.innerText()).resolves.toContain("Autorisation incomplète");
    await expect(page.getByTestId(`scope-missing-${smtp}`).innerText()).resolves.toContain("Manquante");
    await expect(page.getByTestId("mailbox-connect").getAttribute("href")).resolves.toBe(
      `/api/oauth/authorize?tenant=${tenant.slug}&mailbox=${mailbox.id}`,
    );
    await expect(page.getByTestId("mailbox-device").getAttribute("href")).resolves.toBe(
      `/t/${tenant.slug}/mailboxes/${mailbox.id}/device`,
    );

    const since = new Date();
    await page.getByTestId("create-connect-link").click();
    const linkState = (await expectTestId(page, "connect-links-table")).getByTestId("connect-link-state");
    await expect(linkState.getAttribute("data-state")).resolves.toBe("valid");
    const mail = await capturedMailTo(e2e.db, mailbox.address, since);
    expect(mail.subject).toBe(`Connectez la boîte mail ${mailbox.address} pour ${tenant.name}`);
    await page.getByTestId("connect-link-revoke").click();
    await page
      .locator('[data-testid="connect-link-state"][data-state="revoked"]')
      .waitFor({ timeout: 10_000 });
    const owner = await browser.newPage();
    await owner.goto(linkIn(mail.text, e2eBaseUrl()));
    await expect((await expectTestId(owner, "connect-link-state")).getAttribute("data-state")).resolves.toBe(
      "revoked",
    );

    for (const id of [foreign.id, "not-a-uuid"]) {
      const response = await page.goto(`/t/${tenant.slug}/mailboxes/${id}`);
      expect(response?.status()).toBe(404);
    }
  });
});
