import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { GRAPH_MAIL_SEND_SCOPE } from "@/lib/oauth/presets";
import { presetScopesFor } from "@/lib/transports/transport-scopes";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { capturedMailTo, useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

const password = "correct horse battery staple";
const SMTP_SEND = "https://outlook.office.com/SMTP.Send";

/** Screenshots for a person to look at, when RELAIS_SCREENSHOTS_DIR names a folder (never the repository). */
const shotsDir = process.env.RELAIS_SCREENSHOTS_DIR;

async function shot(page: Page, name: string) {
  if (!shotsDir) return;
  await mkdir(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"),
  "utf8",
);

type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** axe-core finds no serious or critical violation on the page as it is (as in accessibility.test.ts). */
async function expectAccessible(page: Page, what: string) {
  await page.waitForLoadState("networkidle");
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    grave.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
    what,
  ).toEqual([]);
}

/** At a phone's width the page does not scroll sideways (tables scroll inside their own box). */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is ${width} px wide`).toBeLessThanOrEqual(390);
}

/** The page at 1280 px and at 390 px (checked for sideways scrolling), with a screenshot of each. */
async function atBothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page, name);
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!browserTestsRun)("sending through the providers' HTTP APIs, in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("an admin moves a configuration to Graph and sends reconnect links to the mailboxes that must consent again", async () => {
    const tenant = await seedTenant({ name: "Lycée Victor Hugo" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedClientConfiguration(tenant.id, { name: "Microsoft 365", provider: "microsoft" });
    const stamp = randomBytes(3).toString("hex");
    const office = `vie-scolaire-${stamp}@lycee.test`;
    const shared = `secretariat-${stamp}@lycee.test`;
    const delegate = `jean-${stamp}@lycee.test`;
    const ready = `cdi-${stamp}@lycee.test`;
    await seedMailbox(tenant.id, config.id, {
      address: office,
      state: "connected",
      grantedScopes: [SMTP_SEND],
    });
    const sharedRow = await seedMailbox(tenant.id, config.id, {
      address: shared,
      state: "connected",
      grantedScopes: [SMTP_SEND],
    });
    await e2e.db.mailbox.update({ where: { id: sharedRow.id }, data: { delegateAccount: delegate } });
    await seedMailbox(tenant.id, config.id, {
      address: ready,
      state: "connected",
      grantedScopes: [SMTP_SEND, GRAPH_MAIL_SEND_SCOPE],
    });
    await seedMailbox(tenant.id, config.id, { address: `pending-${stamp}@lycee.test` });

    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/clients/${config.id}`);
    const summary = await expectTestId(page, "client-transport-summary");
    await expect(summary.innerText()).resolves.toBe("Sends through SMTP (XOAUTH2)");
    await expect(page.getByTestId("reconsent-list").count()).resolves.toBe(0);
    // Each transport the provider offers, in words; Google's is not one of Microsoft's.
    const choice = await expectTestId(page, "client-transport");
    await expect(choice.innerText()).resolves.toContain("Microsoft Graph (sendMail)");
    await expect(choice.innerText()).resolves.toContain(
      "it works where Microsoft has switched SMTP AUTH off",
    );
    await expect(page.getByTestId("client-transport-gmail_api").count()).resolves.toBe(0);
    await expect(page.getByTestId("client-api-base-url").count()).resolves.toBe(0);

    // Graph: the preset's scopes follow, the API address is shown, fixed.
    await page.getByTestId("client-transport-graph").check();
    await expect(page.getByTestId("client-scopes").inputValue()).resolves.toBe(
      presetScopesFor("microsoft", "graph").join("\n"),
    );
    const apiBase = page.getByTestId("client-api-base-url");
    await expect(apiBase.inputValue()).resolves.toBe("https://graph.microsoft.com");
    await expect(apiBase.getAttribute("readonly")).resolves.not.toBeNull();
    const help = page.locator("#registration-help-title").locator("..");
    await expect(help.innerText()).resolves.toContain("Mail.Send.Shared");
    await page.getByTestId("client-submit").click();
    await page
      .getByTestId("client-saved")
      .filter({ hasText: "2 mailboxes need a new permission" })
      .waitFor({ timeout: 15_000 });

    const list = await expectTestId(page, "reconsent-list");
    await expect(list.getAttribute("data-count")).resolves.toBe("2");
    await expect(list.getByTestId(`reconsent-mailbox-${office}`).count()).resolves.toBe(1);
    await expect(list.getByTestId(`reconsent-mailbox-${shared}`).innerText()).resolves.toContain(
      `connected by ${delegate}`,
    );
    await expect(list.getByTestId(`reconsent-mailbox-${ready}`).count()).resolves.toBe(0);
    await expect(page.getByTestId("client-transport-summary").innerText()).resolves.toBe(
      "Sends through Microsoft Graph (sendMail)",
    );
    const stored = await e2e.db.clientConfiguration.findUniqueOrThrow({ where: { id: config.id } });
    expect(stored).toMatchObject({ transport: "graph", scopes: presetScopesFor("microsoft", "graph") });
    await expect(
      e2e.db.mailbox.count({
        where: { tenantId: tenant.id, state: "insufficient_scope", lastErrorCode: "transport_needs_consent" },
      }),
    ).resolves.toBe(2);
    await expectAccessible(page, "configuration page with mailboxes to connect again");
    await atBothWidths(page, "configuration-reconsent-en");

    // One action for all of them: the shared mailbox's link goes to its delegate.
    const since = new Date();
    await page.getByTestId("reconsent-send").click();
    const report = page.getByTestId("reconsent-report");
    await report.waitFor({ timeout: 15_000 });
    await expect(report.innerText()).resolves.toContain("2 reconnect links sent.");
    await expect(capturedMailTo(e2e.db, office, since)).resolves.toMatchObject({ to: office });
    await expect(capturedMailTo(e2e.db, delegate, since)).resolves.toMatchObject({ to: delegate });
    await shot(page, "configuration-reconsent-sent-en");

    // The list of configurations says how each one sends.
    await page.goto(`/t/${tenant.slug}/clients`);
    await expect(
      (await expectTestId(page, "client-row-Microsoft 365")).getByTestId("client-row-transport").innerText(),
    ).resolves.toBe("Microsoft Graph (sendMail)");
    await atBothWidths(page, "configurations-en");

    // In French.
    const fr = await browser.newPage({ locale: "fr-FR" });
    await signIn(fr, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/clients/${config.id}`);
    const frList = await expectTestId(fr, "reconsent-list");
    await expect(frList.innerText()).resolves.toContain("Boîtes à reconnecter");
    await expect(fr.getByTestId("reconsent-send").innerText()).resolves.toBe(
      "Envoyer des liens de reconnexion à toutes",
    );
    await expect(fr.getByTestId("client-transport-summary").innerText()).resolves.toBe(
      "Envoie par Microsoft Graph (sendMail)",
    );
    await atBothWidths(fr, "configuration-reconsent-fr");
  });

  it("a mailbox whose SMTP AUTH is off is sent through Graph, and a shared one is sent as by its delegate", async () => {
    const tenant = await seedTenant({ name: "Collège Jules Ferry" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedClientConfiguration(tenant.id, { name: "Microsoft", provider: "microsoft" });
    const stamp = randomBytes(3).toString("hex");
    const address = `direction-${stamp}@college.test`;
    const mailbox = await seedMailbox(tenant.id, config.id, {
      address,
      state: "connected",
      grantedScopes: [SMTP_SEND],
    });
    await e2e.db.mailbox.update({
      where: { id: mailbox.id },
      data: { state: "config_error", lastErrorCode: "smtp_auth_disabled", lastErrorAt: new Date() },
    });

    const page = await browser.newPage();
    await signIn(
      page,
      admin.email,
      password,
      `/signin?callbackUrl=/t/${tenant.slug}/mailboxes/${mailbox.id}`,
    );
    const off = await expectTestId(page, "mailbox-smtp-auth-off");
    await expect(off.innerText()).resolves.toContain(
      "Sending switched off by the school's Microsoft settings",
    );
    await expect(page.getByTestId("mailbox-transport-summary").innerText()).resolves.toBe(
      "Sends through SMTP (XOAUTH2), as its OAuth application",
    );
    const whole = page.getByTestId("mailbox-switch-configuration");
    await expect(whole.innerText()).resolves.toBe("Move the whole OAuth application to Graph");
    await expect(whole.getAttribute("href")).resolves.toBe(
      `/t/${tenant.slug}/clients/${config.id}?transport=graph#client-transport`,
    );
    await expectAccessible(page, "mailbox page, SMTP AUTH off");
    await atBothWidths(page, "mailbox-smtp-auth-off-en");

    // The configuration's form opens with Graph chosen, not saved until the admin saves.
    await whole.click();
    await expectTestId(page, "client-transport-proposed");
    await expect(page.getByTestId("client-transport-graph").isChecked()).resolves.toBe(true);
    await expect(
      e2e.db.clientConfiguration.findUniqueOrThrow({ where: { id: config.id } }).then((c) => c.transport),
    ).resolves.toBe("smtp");
    await atBothWidths(page, "configuration-proposed-graph-en");

    // This mailbox alone.
    await page.goto(`/t/${tenant.slug}/mailboxes/${mailbox.id}`);
    await (await expectTestId(page, "mailbox-switch-graph")).click();
    await page
      .locator('[data-testid="mailbox-state"][data-state="insufficient_scope"]')
      .waitFor({ timeout: 15_000 });
    await expect(page.getByTestId("mailbox-state").innerText()).resolves.toContain(
      "It now sends through Microsoft Graph (sendMail), which needs a permission",
    );
    await expect(page.getByTestId("mailbox-transport-summary").innerText()).resolves.toBe(
      "Sends through Microsoft Graph (sendMail), this mailbox's own choice",
    );
    await expect(page.getByTestId(`scope-missing-${GRAPH_MAIL_SEND_SCOPE}`).count()).resolves.toBe(1);
    await expect(e2e.db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).resolves.toMatchObject({
      transport: "graph",
      state: "insufficient_scope",
    });

    // Sent as by a delegate: set in the settings; the connection, which was the mailbox's own, is erased.
    const settings = await expectTestId(page, "mailbox-settings");
    await expect(settings.getByTestId("mailbox-transport").inputValue()).resolves.toBe("graph");
    await settings.getByTestId("mailbox-delegate").fill(address.toUpperCase());
    await settings.getByTestId("mailbox-settings-submit").click();
    await settings
      .getByText("A delegate is another account than the mailbox itself")
      .waitFor({ timeout: 15_000 });
    await expect(settings.getByTestId("mailbox-delegate").getAttribute("aria-invalid")).resolves.toBe("true");
    const delegate = `Marie-${stamp}@College.test`;
    await settings.getByTestId("mailbox-delegate").fill(delegate);
    await settings.getByTestId("mailbox-settings-submit").click();
    await page
      .getByTestId("mailbox-settings-result")
      .filter({ hasText: "The delegate changed" })
      .waitFor({ timeout: 15_000 });
    await expect((await expectTestId(page, "mailbox-sent-as")).innerText()).resolves.toBe(
      `Sent as ${address} by ${delegate.toLowerCase()}`,
    );
    await expect(e2e.db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).resolves.toMatchObject({
      delegateAccount: delegate.toLowerCase(),
      state: "pending",
      refreshTokenCipher: null,
    });
    await expect(page.getByTestId("mailbox-delegate-gone").count()).resolves.toBe(0);
    await atBothWidths(page, "mailbox-delegate-en");
    // The delegate's grant died: the page says who must act.
    await e2e.db.mailbox.update({ where: { id: mailbox.id }, data: { state: "needs_reconnect" } });
    await page.reload();
    await expect((await expectTestId(page, "mailbox-delegate-gone")).innerText()).resolves.toContain(
      `${delegate.toLowerCase()} no longer authorizes sending as ${address}`,
    );

    // In French.
    const fr = await browser.newPage({ locale: "fr-FR" });
    await signIn(fr, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/mailboxes/${mailbox.id}`);
    await expect((await expectTestId(fr, "mailbox-sent-as")).innerText()).resolves.toBe(
      `Envoyée en tant que ${address} par ${delegate.toLowerCase()}`,
    );
    await atBothWidths(fr, "mailbox-delegate-fr");
    const other = await seedMailbox(tenant.id, config.id, { address: `accueil-${stamp}@college.test` });
    await e2e.db.mailbox.update({
      where: { id: other.id },
      data: { state: "config_error", lastErrorCode: "smtp_auth_disabled", grantedScopes: [SMTP_SEND] },
    });
    await fr.goto(`/t/${tenant.slug}/mailboxes/${other.id}`);
    await expect((await expectTestId(fr, "mailbox-smtp-auth-off")).innerText()).resolves.toContain(
      "Envoi coupé par les réglages Microsoft de l’établissement",
    );
    await atBothWidths(fr, "mailbox-smtp-auth-off-fr");

    // Adding a mailbox: "Send through" follows the configuration chosen.
    await page.goto(`/t/${tenant.slug}/mailboxes/new`);
    await (await expectTestId(page, "mailbox-configuration")).selectOption({ label: "Microsoft" });
    const transport = page.getByTestId("mailbox-transport");
    await expect(transport.locator("option").allInnerTexts()).resolves.toEqual([
      "As its application: SMTP",
      "Microsoft Graph (sendMail)",
    ]);
    await expectAccessible(page, "new mailbox form");
    await atBothWidths(page, "mailbox-new-en");
    await fr.goto(`/t/${tenant.slug}/mailboxes/new`);
    await (await expectTestId(fr, "mailbox-configuration")).selectOption({ label: "Microsoft" });
    await atBothWidths(fr, "mailbox-new-fr");
  });
});
