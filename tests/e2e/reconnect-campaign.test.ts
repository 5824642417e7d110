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
const shotsDir = process.env.RELAIS_SCREENSHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!shotsDir) return;
  await mkdir(shotsDir, { recursive: true });
  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(shotsDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A member row of the report in a given status; the page refreshes by itself, so this waits for it. */
async function expectMemberStatus(page: Page, address: string, status: string) {
  await page
    .locator(`[data-testid="campaign-member"][data-address="${address}"][data-status="${status}"]`)
    .waitFor({ timeout: 30_000 })
    .catch(async () => {
      expect.fail(`${address} is not "${status}" on ${page.url()}:\n${await page.innerText("body")}`);
    });
}

describe.skipIf(!browserTestsRun)("a reconnect campaign in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("is started from the mailbox list's filter, and its page shows who opened and who reconnected without a reload", async () => {
    const tenant = await seedTenant({ name: "Lycée Victor Hugo" });
    const admin = await seedMember(tenant.id, "admin", { password, locale: "en" });
    const config = await seedClientConfiguration(tenant.id, { name: "Google", provider: "google" });
    const suffix = tenant.slug;
    const opener = await seedMailbox(tenant.id, config.id, {
      address: `accueil-${suffix}@lycee.test`,
      state: "needs_reconnect",
    });
    const other = await seedMailbox(tenant.id, config.id, {
      address: `compta-${suffix}@lycee.test`,
      state: "needs_reconnect",
    });
    const connected = await seedMailbox(tenant.id, config.id, {
      address: `direction-${suffix}@lycee.test`,
      state: "connected",
    });
    const base = `/t/${tenant.slug}`;

    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=${base}/mailboxes?state=needs_reconnect`);
    await (await expectTestId(page, "mailbox-start-campaign")).click();
    await page.waitForURL((url) => url.pathname === `${base}/campaigns/new`);
    // The list's filter came along.
    await expect(page.getByTestId("campaign-state").inputValue()).resolves.toBe("needs_reconnect");
    await shoot(page, "campaign-new");
    await page.getByTestId("campaign-name").fill("Back to school");
    await page.getByTestId("campaign-reminders").selectOption("3");
    const since = new Date();
    await page.getByTestId("campaign-start").click();
    await expectTestId(page, "campaign-run-mailed");
    await expect(page.getByTestId("campaign-run-mailed").innerText()).resolves.toBe("2 links mailed.");
    await page.getByTestId("campaign-see").click();
    await expectTestId(page, "campaign-report");
    await expect(page.getByTestId("campaign-title").innerText()).resolves.toBe("Back to school");
    await expectMemberStatus(page, opener.address, "asked");
    await expectMemberStatus(page, other.address, "asked");
    await expect(page.getByTestId("campaign-count-total").innerText()).resolves.toBe("2");
    await expect(page.locator(`[data-address="${connected.address}"]`).count()).resolves.toBe(0);

    const campaign = await e2e.db.reconnectCampaign.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(campaign).toMatchObject({
      name: "Back to school",
      channel: "mail",
      reminderDays: 3,
      closedAt: null,
    });

    // The owner opens the link of their mail (no account): the admin's page shows it by itself.
    const mail = await capturedMailTo(e2e.db, opener.address, since);
    const owner = await browser.newPage();
    await owner.goto(linkIn(mail.text, e2eBaseUrl()));
    await expect((await expectTestId(owner, "connect-address")).innerText()).resolves.toContain(
      opener.address,
    );
    await expectMemberStatus(page, opener.address, "opened");

    // The other mailbox is reconnected some other way (here, straight in the database).
    await e2e.db.mailbox.update({
      where: { id: other.id },
      data: { state: "connected", connectedAt: new Date() },
    });
    await expectMemberStatus(page, other.address, "reconnected");
    await expect(page.getByTestId("campaign-count-reconnected").innerText()).resolves.toBe("1");
    await expect(page.getByTestId("campaign-count-opened").innerText()).resolves.toBe("1");
    await shoot(page, "campaign-detail-en");

    // The export, as the page's link downloads it.
    const csv = await page.request.get(`${base}/campaigns/${campaign.id}/export`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines.slice(1).map((line) => line.split(",").slice(0, 3))).toEqual([
      [opener.address, opener.address, "opened"],
      [other.address, other.address, "reconnected"],
    ]);

    // Closed: its actions go, the report stays.
    await page.getByTestId("campaign-close").click();
    await page.getByTestId("campaign-confirm-yes").click();
    await expectTestId(page, "campaign-closed");
    await expect(page.getByTestId("campaign-resend").count()).resolves.toBe(0);
    expect(
      (await e2e.db.reconnectCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).closedAt,
    ).not.toBeNull();

    // A second campaign whose links the school hands over itself: shown once, nothing mailed.
    await page.goto(`${base}/campaigns/new`);
    await page.getByTestId("campaign-name").fill("Links for the staff room");
    await page.getByTestId("campaign-channel-copy").check();
    const copySince = new Date();
    await page.getByTestId("campaign-start").click();
    const copied = await expectTestId(page, "campaign-copy-link");
    const copyLink = await copied.innerText();
    expect(copyLink.startsWith(`${e2eBaseUrl()}/connect/`)).toBe(true);
    await shoot(page, "campaign-copy-en");
    await expect(
      e2e.db.capturedMail.count({ where: { to: opener.address, createdAt: { gte: copySince } } }),
    ).resolves.toBe(0);
    await owner.goto(copyLink);
    await expect((await expectTestId(owner, "connect-address")).innerText()).resolves.toContain(
      opener.address,
    );

    // The list, and the pages in French.
    await page.goto(`${base}/campaigns`);
    await page.getByTestId("campaign-row").first().waitFor();
    await expect(page.getByTestId("campaign-row").allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Links for the staff room\s.*\s0 of 1\sOpen\s*$/s),
      expect.stringMatching(/^Back to school\s.*\s1 of 2\sClosed\s*$/s),
    ]);
    await shoot(page, "campaigns-en");
    if (shotsDir) {
      const french = await browser.newPage({ locale: "fr-FR" });
      await e2e.db.user.update({ where: { id: admin.id }, data: { locale: "fr" } });
      await signIn(french, admin.email, password, `/signin?callbackUrl=${base}/campaigns/${campaign.id}`);
      await expectTestId(french, "campaign-report");
      await shoot(french, "campaign-detail-fr");
      await french.goto(`${base}/campaigns/new`);
      await shoot(french, "campaign-new-fr");
    }
  }, 120_000);
});
