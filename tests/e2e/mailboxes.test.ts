import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { capturedMailTo, linkIn, useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

const password = "correct horse battery staple";

/** Screenshots for a person to look at, when RELAIS_SCREENSHOTS_DIR names a folder (never the repository). */
async function shotsAtBothWidths(page: Page, name: string) {
  const dir = process.env.RELAIS_SCREENSHOTS_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Codes that must never reach people's eyes outside a "For support" line. */
const rawCodes =
  /AADSTS|smtp_auth_disabled|needs_reconnect|config_error|mailbox_|invalid_grant|Not announced/;

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
    // Its page, which offers the next steps; the list then shows it.
    await page.waitForURL((url) => /\/mailboxes\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 20_000 });
    await expectTestId(page, "next-steps");
    await page.goto(`/t/${tenant.slug}/mailboxes?q=${added}`);
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
    const imported = await expectTestId(page, "import-result");
    await expect(imported.innerText()).resolves.toContain("1 mailbox imported.");
    // The result leads on: the new mailboxes are to be connected.
    await expect(page.getByTestId("import-next").getAttribute("href")).resolves.toBe(
      `/t/${tenant.slug}/mailboxes?state=pending`,
    );
    await expect(page.getByTestId("import-progress").count()).resolves.toBe(0);
    const importedRow = await e2e.db.mailbox.findFirstOrThrow({
      where: { tenantId: tenant.id, address: `vie-${stamp}@lycee.test` },
      include: { assignments: true },
    });
    expect(importedRow.assignments.map((a) => a.userId)).toEqual([member.id]);

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
    ).resolves.toBe(`/api/oauth/authorize?tenant=${tenant.slug}&mailbox=${importedRow.id}`);
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
    await expect(state.innerText()).resolves.toContain("À reconnecter\u00a0: la permission d’envoyer manque");
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

  it("says each mailbox's health in words, the same in the list, on its page and in My mailboxes, with its fixes", async () => {
    const tenant = await seedTenant({ name: "Lycée Jean Moulin" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const member = await seedMember(tenant.id, "member", { password });
    const config = await seedClientConfiguration(tenant.id, { name: "Microsoft 365", provider: "microsoft" });
    const stamp = Date.now().toString(36);
    const smtp = "https://outlook.office.com/SMTP.Send";
    const healthy = await seedMailbox(tenant.id, config.id, {
      address: `direction-${stamp}@lycee.test`,
      state: "connected",
      grantedScopes: [smtp],
    });
    const broken = await seedMailbox(tenant.id, config.id, {
      address: `cdi-${stamp}@lycee.test`,
      state: "needs_reconnect",
      grantedScopes: [smtp],
      assignedTo: [member.id],
    });
    const off = await seedMailbox(tenant.id, config.id, {
      address: `accueil-${stamp}@lycee.test`,
      state: "config_error",
      withTokens: true,
      grantedScopes: [smtp],
    });
    const lastRefreshAt = new Date(Date.now() - 10 * 86_400_000);
    await e2e.db.mailbox.update({ where: { id: healthy.id }, data: { lastRefreshAt } });
    await e2e.db.mailbox.update({
      where: { id: broken.id },
      data: { lastErrorCode: "AADSTS700082", lastErrorAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    await e2e.db.mailbox.update({
      where: { id: off.id },
      data: { lastErrorCode: "smtp_auth_disabled", lastErrorAt: new Date() },
    });
    const held = await Promise.all(
      [1, 2].map((i) =>
        e2e.db.outgoingMail.create({
          data: {
            tenantId: tenant.id,
            mailboxId: broken.id,
            messageId: `<held-${i}-${stamp}@lycee.test>`,
            source: "portal",
            to: ["parent@example.org"],
            subject: `Réunion ${i}`,
            text: "Bonjour",
            sizeBytes: 100,
            recipientCount: 1,
            status: "held",
            lastError: "mailbox_needs_reconnect: AADSTS700082",
          },
        }),
      ),
    );

    // The list: one health line per mailbox, and the end Microsoft's rule predicts.
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/mailboxes?sort=expiry`);
    const table = await expectTestId(page, "mailboxes-table");
    const healthyRow = table.getByTestId(`mailbox-row-${healthy.address}`);
    await expect(healthyRow.innerText()).resolves.toMatch(
      /Healthy · renews itself · ends if unused on \d+ [A-Z][a-z]+ \d{4}[\s\S]*if unused until then/,
    );
    await expect(table.getByTestId(`mailbox-row-${broken.address}`).innerText()).resolves.toMatch(
      /Must be reconnected since .+: 2 mails waiting/,
    );
    await expect(table.getByTestId(`mailbox-health-${off.address}`).innerText()).resolves.toBe(
      "Sending switched off by the school's Microsoft settings",
    );
    // Sorted by that end: the only mailbox with one comes first.
    await expect(table.locator("tbody tr").first().getAttribute("data-testid")).resolves.toBe(
      `mailbox-row-${healthy.address}`,
    );
    expect(await table.innerText()).not.toMatch(rawCodes);
    await shotsAtBothWidths(page, "mailboxes-list-en");

    // A healthy mailbox's page says so first; the access token's hour is only in the folded details.
    await page.goto(`/t/${tenant.slug}/mailboxes/${healthy.id}`);
    await expect((await expectTestId(page, "mailbox-health")).innerText()).resolves.toMatch(
      /^Healthy · renews itself · ends if unused on /,
    );
    await expect(page.getByTestId("mailbox-connect").count()).resolves.toBe(0);
    expect(await page.locator("main").innerText()).not.toMatch(/Access token|Nothing to do/);
    await shotsAtBothWidths(page, "mailbox-page-healthy-en");

    // Its page leads with the same words, the cause, and the fixes; token details are folded away.
    await page.goto(`/t/${tenant.slug}/mailboxes/${broken.id}`);
    const health = await expectTestId(page, "mailbox-health");
    await expect(health.innerText()).resolves.toMatch(/^Must be reconnected since .+: 2 mails waiting$/);
    const section = page.getByTestId("mailbox-state");
    await expect(section.innerText()).resolves.toContain(
      "Microsoft ended the authorization after 90 days without use.",
    );
    await expect(section.innerText()).resolves.toContain("For support: AADSTS700082");
    await expect(page.getByTestId("mailbox-connect").innerText()).resolves.toBe("Reconnect");
    await expect(
      page.getByTestId("mailbox-scopes").getByTestId(`scope-${smtp}`).innerText(),
    ).resolves.toMatch(
      /Send mail over SMTP \(Microsoft 365\)\s+https:\/\/outlook\.office\.com\/SMTP\.Send\s+No longer in force/,
    );
    const technical = page.getByTestId("mailbox-technical");
    await expect(technical.getAttribute("open")).resolves.toBeNull();
    const visible = (await page.locator("main").innerText()).replace(/For support: \S+/g, "");
    expect(visible).not.toMatch(rawCodes);
    expect(visible).not.toContain("Access token");
    await technical.locator("summary").click();
    await expect(technical.innerText()).resolves.toContain("Current access token valid until");
    await shotsAtBothWidths(page, "mailbox-page-en");
    const since = new Date();
    await page.getByTestId("mailbox-send-link").click();
    await page
      .getByTestId("mailbox-send-link-result")
      .filter({ hasText: "Link mailed" })
      .waitFor({ timeout: 10_000 });
    await expect(capturedMailTo(e2e.db, broken.address, since)).resolves.toMatchObject({
      to: broken.address,
    });

    // The held mail says why in words, with Reconnect beside it and the code for support.
    await page.goto(`/t/${tenant.slug}/outbox/${held[0]!.id}`);
    const lastError = await expectTestId(page, "mail-last-error");
    await expect(lastError.innerText()).resolves.toContain(
      "Held: its mailbox must be reconnected by its owner.",
    );
    await expect(page.getByTestId("mail-reconnect").getAttribute("href")).resolves.toBe(
      `/api/oauth/authorize?tenant=${tenant.slug}&mailbox=${broken.id}`,
    );

    // In French.
    const fr = await browser.newPage({ locale: "fr-FR" });
    await signIn(fr, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/mailboxes`);
    const frTable = await expectTestId(fr, "mailboxes-table");
    await expect(frTable.getByTestId(`mailbox-row-${broken.address}`).innerText()).resolves.toMatch(
      /À reconnecter depuis le .+\u00a0: 2 courriels en attente/,
    );
    await expect(frTable.getByTestId(`mailbox-row-${healthy.address}`).innerText()).resolves.toContain(
      "si inutilisée d’ici là",
    );
    expect(await frTable.innerText()).not.toMatch(rawCodes);
    await shotsAtBothWidths(fr, "mailboxes-list-fr");
    await fr.goto(`/t/${tenant.slug}/mailboxes/${broken.id}`);
    await expect((await expectTestId(fr, "mailbox-health")).innerText()).resolves.toMatch(
      /^À reconnecter depuis le/,
    );
    await expect(fr.getByTestId("mailbox-send-link").innerText()).resolves.toBe(
      "Envoyer un lien de reconnexion",
    );
    await shotsAtBothWidths(fr, "mailbox-page-fr");

    // The owner's My mailboxes: the same line, their own advice, Reconnect; no "Nothing to do".
    const mine = await browser.newPage();
    await signIn(mine, member.email, password, `/signin?callbackUrl=/t/${tenant.slug}/my-mailboxes`);
    const card = await expectTestId(mine, `my-mailbox-${broken.address}`);
    await expect(card.getByTestId(`my-mailbox-health-${broken.address}`).innerText()).resolves.toMatch(
      /^Must be reconnected since .+: 2 mails waiting$/,
    );
    await expect(mine.getByTestId(`my-mailbox-connect-${broken.address}`).innerText()).resolves.toBe(
      "Reconnect",
    );
    expect(await card.innerText()).not.toContain("Nothing to do");
    await shotsAtBothWidths(mine, "my-mailboxes-en");
  });

  it("a bulk action over more mailboxes than one part shows its progress, then a result with the counts", async () => {
    const tenant = await seedTenant({ name: "Lycée Simone Veil" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedClientConfiguration(tenant.id, { name: "Google Workspace", provider: "google" });
    const stamp = Date.now().toString(36);
    const mailboxes = [];
    for (let i = 0; i < 25; i++) {
      const address = `salle-${String(i).padStart(2, "0")}-${stamp}@lycee.test`;
      mailboxes.push(await seedMailbox(tenant.id, config.id, { address }));
    }
    const connected = await seedMailbox(tenant.id, config.id, {
      address: `salle-99-${stamp}@lycee.test`,
      state: "connected",
    });
    const page = await browser.newPage();
    await signIn(
      page,
      admin.email,
      password,
      `/signin?callbackUrl=${encodeURIComponent(`/t/${tenant.slug}/mailboxes?q=${stamp}`)}`,
    );
    await expectTestId(page, "mailboxes-table");
    await page.getByTestId("mailboxes-table").locator("thead input[type=checkbox]").check();
    await page.getByTestId("bulk-action").selectOption("connect_links");
    await page.getByTestId("bulk-scope-selection").check();
    await page.getByTestId("bulk-review").click();
    await expect((await expectTestId(page, "bulk-confirm-count")).getAttribute("data-count")).resolves.toBe(
      "26",
    );

    // Every text the progress shows, as the page shows it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="bulk-progress-status"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId("bulk-confirm-run").click();
    const result = await expectTestId(page, "bulk-result");
    await expect(result.innerText()).resolves.toContain("25 done, 1 skipped.");
    await expect(result.getAttribute("data-done")).resolves.toBe("25");
    await expect(result.getAttribute("data-failed")).resolves.toBe("0");
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    // Ten mailboxes a part: the count moved part by part, and the bar is gone once done.
    expect(seen).toEqual(
      expect.arrayContaining(["0 of 26 mailboxes", "10 of 26 mailboxes", "20 of 26 mailboxes"]),
    );
    await expect(page.getByTestId("bulk-progress").count()).resolves.toBe(0);
    await result.locator("summary").click();
    await expect(result.innerText()).resolves.toContain(`${connected.address}: already connected`);

    // Every ticked mailbox that was not connected got its link, and only those.
    const links = await e2e.db.connectLink.findMany({
      where: { tenantId: tenant.id },
      select: { mailboxId: true },
    });
    expect(links.map((l) => l.mailboxId).sort()).toEqual(mailboxes.map((m) => m.id).sort());
  });
});
