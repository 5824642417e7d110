import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { alerts, expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

const password = "correct horse battery staple";

/** Shaped like the Exchange export: byte order mark, quoted fields, its own column order, a column we ignore. */
const exportFile = (rows: string[]) =>
  `\uFEFF"Domain","Sender address","Messages sent","TLS1.0 %","TLS1.1 %","TLS1.2 %","Authentication protocol","Region"\r\n${rows.join("\r\n")}\r\n`;

async function uploadReport(page: Page, name: string, text: string) {
  await (
    await expectTestId(page, "migration-file")
  ).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  await page.getByTestId("migration-upload-submit").click();
}

/** Records every text the progress line shows, so that the steps between start and end can be checked. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    const target = document.querySelector('[data-testid="migration-progress"]')!;
    new MutationObserver(() => seen.push((target as HTMLElement).innerText.trim())).observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

describe.skipIf(!browserTestsRun)("the migration planner in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("an admin imports the SMTP AUTH report, acts on the senders to do with progress, gets a sheet per device and the CSV", async () => {
    const tenant = await seedTenant({ name: "Collège Pierre Brossolette" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const member = await seedMember(tenant.id, "member", { password });
    const microsoft = await seedClientConfiguration(tenant.id, {
      name: "Microsoft 365",
      provider: "microsoft",
    });
    await seedClientConfiguration(tenant.id, { name: "Google Workspace", provider: "google" });
    const stamp = Date.now().toString(36);
    const connected = await seedMailbox(tenant.id, microsoft.id, {
      address: `scan-${stamp}@college.test`,
      state: "connected",
    });
    const pending = await seedMailbox(tenant.id, microsoft.id, { address: `compta-${stamp}@college.test` });
    const missing = `copieur-${stamp}@college.test`;
    const oauth = `pronote-${stamp}@college.test`;

    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/migration`);
    await expectTestId(page, "migration-empty");
    await expect(
      page.getByRole("navigation").getByRole("link", { name: "Migration" }).getAttribute("aria-current"),
    ).resolves.toBe("page");

    // The report: a copier on TLS 1.2, an old one on TLS 1.0/1.1, one with no mailbox yet, one on OAuth.
    await uploadReport(
      page,
      "smtp-auth-clients.csv",
      exportFile([
        `"college.test","${connected.address.toUpperCase()}","1,234","0","0","100","Basic","EU"`,
        `college.test,${pending.address},10,80,20,0,Basic,EU`,
        `"college.test","${missing}","5","0","0","100","Basic","EU"`,
        `college.test,${oauth},3,0,0,100,OAuth 2.0,EU`,
      ]),
    );
    await expect((await expectTestId(page, "migration-upload-result")).innerText()).resolves.toContain(
      "4 senders imported from smtp-auth-clients.csv.",
    );
    const plan = await expectTestId(page, "migration-plan");
    const row = (address: string) => plan.getByTestId(`migration-row-${address}`);
    await row(connected.address).waitFor();
    await expect(row(connected.address).innerText()).resolves.toContain(
      "Already a mailbox connected in Relais",
    );
    await expect(row(connected.address).innerText()).resolves.toContain("1,234");
    await expect(row(pending.address).getAttribute("data-listener")).resolves.toBe("legacy");
    await expect(row(pending.address).innerText()).resolves.toContain(
      "A mailbox exists but is not connected: send a link",
    );
    await expect(row(pending.address).innerText()).resolves.toContain("Legacy TLS 1.0/1.1 listener (a risk)");
    await expect(row(missing).innerText()).resolves.toContain("No mailbox yet: create it");
    await expect(row(oauth).getAttribute("data-status")).resolves.toBe("oauth");
    await expect(page.getByTestId("migration-moved").innerText()).resolves.toBe("1 of 4 senders moved");
    await expect(page.getByTestId("migration-count-to_do").innerText()).resolves.toBe("3");
    await expect(page.getByTestId("migration-chart-table").textContent()).resolves.toMatch(/3\s*1\s*0/);
    await expect(page.getByTestId("migration-imports").innerText()).resolves.toContain(
      "smtp-auth-clients.csv",
    );

    // A file with bad lines: each is named, and nothing is imported.
    await uploadReport(
      page,
      "broken.csv",
      exportFile([
        `college.test,${missing},5,0,0,100,Basic,EU`,
        `college.test,${oauth},many,0,0,100,Basic,EU`,
        `college.test,not-an-address,5,0,0,100,Basic,EU`,
      ]),
    );
    const problems = await expectTestId(page, "migration-upload-problems");
    await expect(problems.innerText()).resolves.toContain("Line 3: “many” is not a number of messages.");
    await expect(problems.innerText()).resolves.toContain(
      "Line 4: “not-an-address” is not a sender address.",
    );
    await expect(page.getByTestId("migration-upload-error").innerText()).resolves.toContain(
      "The report was not imported, and nothing was changed.",
    );
    expect(await e2e.db.migrationImport.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect(await e2e.db.migrationReportLine.count({ where: { tenantId: tenant.id } })).toBe(4);

    // Select what is to do; creating mailboxes needs an application chosen among two.
    await page.getByTestId("migration-select-to-do").click();
    await expect(page.getByTestId("migration-selected-count").innerText()).resolves.toBe(
      "3 senders selected",
    );
    await expect(page.getByTestId(`migration-select-${oauth}`).isChecked()).resolves.toBe(false);
    await page.getByTestId("migration-run").click();
    await alerts(page)
      .filter({ hasText: "Choose the OAuth application the new mailboxes will use." })
      .waitFor();
    expect(await e2e.db.mailbox.count({ where: { tenantId: tenant.id } })).toBe(2);
    await page.getByTestId("migration-configuration").selectOption({ label: "Microsoft 365" });
    const progressSeen = await recordProgress(page);
    await page.getByTestId("migration-run").click();
    const progress = page.locator('[data-testid="migration-progress"][data-state="finished"]');
    await progress.waitFor({ timeout: 30_000 });
    await expect(progress.innerText()).resolves.toContain("Finished: 3 of 3.");
    const seen = await progressSeen();
    expect(seen).toEqual(expect.arrayContaining(["Working: 1 of 3…", "Working: 2 of 3…"]));

    // A result per sender, in words.
    const result = (address: string) => page.getByTestId(`migration-result-${address}`).innerText();
    await expect(result(connected.address)).resolves.toMatch(
      /Mailbox already there[\s\S]*Already connected: no link needed[\s\S]*Relay credential created/,
    );
    await expect(result(pending.address)).resolves.toMatch(
      /Mailbox already there[\s\S]*Connect link sent[\s\S]*Relay credential created/,
    );
    await expect(result(missing)).resolves.toMatch(
      /Mailbox created[\s\S]*Connect link sent[\s\S]*Relay credential created/,
    );

    // The sheets: one per device, with the password shown this once.
    await expect(page.getByTestId("migration-sheets").innerText()).resolves.toContain(
      "The passwords are shown only now.",
    );
    await expect(page.getByTestId("migration-sheet").count()).resolves.toBe(3);
    const sheet = page.locator(`[data-testid="migration-sheet"][data-address="${missing}"]`);
    const username = await sheet.getByTestId("migration-sheet-username").innerText();
    const secret = await sheet.getByTestId("migration-sheet-password").innerText();
    expect(username).toMatch(/^relay-[a-z0-9]+$/);
    expect(secret).toHaveLength(25);
    await expect(sheet.getByTestId("migration-sheet-from").innerText()).resolves.toBe(missing);
    await expect(sheet.getByTestId("migration-sheet-port").innerText()).resolves.toBe("2587");
    await expect(sheet.innerText()).resolves.toContain("STARTTLS");
    const legacySheet = page.locator(`[data-testid="migration-sheet"][data-address="${pending.address}"]`);
    await expect(legacySheet.innerText()).resolves.toContain(
      "The listener for TLS 1.0/1.1 is not set up on this server.",
    );
    await expect(page.getByTestId("migration-print").isVisible()).resolves.toBe(true);

    // What the run left: the mailbox, links to the two unconnected ones, one credential per sender, audited.
    const created = await e2e.db.mailbox.findFirstOrThrow({
      where: { tenantId: tenant.id, address: missing },
    });
    expect(created.clientConfigurationId).toBe(microsoft.id);
    expect(await e2e.db.connectLink.count({ where: { tenantId: tenant.id } })).toBe(2);
    const credentials = await e2e.db.relayCredential.findMany({
      where: { tenantId: tenant.id },
      include: { mailboxes: true },
    });
    expect(credentials).toHaveLength(3);
    expect(credentials.every((c) => c.fromPolicy === "fixed_keep_name" && c.mailboxes.length === 1)).toBe(
      true,
    );
    const mine = credentials.find((c) => c.username === username)!;
    expect(mine.mailboxes[0]!.mailboxId).toBe(created.id);
    expect(
      await e2e.db.auditEntry.count({ where: { tenantId: tenant.id, action: "migration.sender_moved" } }),
    ).toBe(3);

    // The plan follows: waiting for first use, with a link to each credential's page.
    await expect.poll(() => row(missing).getAttribute("data-status"), { timeout: 10_000 }).toBe("waiting");
    await expect(row(missing).getByRole("link", { name: username }).getAttribute("href")).resolves.toBe(
      `/t/${tenant.slug}/relay/${mine.id}`,
    );
    await expect(row(missing).innerText()).resolves.toContain("Never used");

    // The CSV export, with the page's session.
    const href = await page.getByTestId("migration-export").getAttribute("href");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="migration-plan-.*\.csv"$/);
    const text = await csv.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Sender,Messages,Authentication,TLS 1.0 %,TLS 1.1 %,TLS 1.2 %,Relay listener,Mailbox,Status,Relay user name,First used,Last used",
    );
    expect(lines).toHaveLength(5);
    expect(lines.find((line) => line.startsWith(`${missing},`))).toBe(
      `${missing},5,Basic (password),0,0,100,STARTTLS (587) or TLS (465),A mailbox exists but is not connected: send a link,Waiting: credential never used,${username},,`,
    );
    expect(lines.find((line) => line.startsWith(`${oauth},`))).toContain("Done: uses OAuth already");

    // A member has no planner: neither the page nor the export.
    const memberPage = await browser.newPage();
    await signIn(memberPage, member.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    expect((await memberPage.goto(`/t/${tenant.slug}/migration`))?.status()).toBe(404);
    expect((await memberPage.request.get(href!)).status()).toBe(404);
    await expect(
      memberPage.getByRole("navigation").getByRole("link", { name: "Migration" }).count(),
    ).resolves.toBe(0);

    // In French: the totals and the plan in the reader's language.
    const french = await browser.newPage({ locale: "fr-FR" });
    await signIn(french, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/migration`);
    await expect((await expectTestId(french, "migration-moved")).innerText()).resolves.toBe(
      "1 expéditeur migré sur 4",
    );
    await expect(french.getByTestId(`migration-row-${missing}`).innerText()).resolves.toContain(
      "La boîte existe mais n’est pas connectée\u00a0: envoyer un lien",
    );
  });
});
