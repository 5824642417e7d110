import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { rawMessageKeysOn } from "../support/raw-message-keys";
import { browserTestsRun } from "../support/e2e-env";
import { createRelayCredential } from "@/lib/relay-credentials/create-relay-credential";
import { importSmtpAuthReport } from "@/lib/migration/import-report";
import { reportPeriodSchema } from "@/lib/migration/migration-schemas";
import { contextFor, seedMember, seedTenant, seedUser } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { seedRelayedMail, seedRelayEvent } from "../support/seed-relay";
import { getDb } from "@/lib/db/client";
import { sendCampaignLinks } from "@/lib/campaigns/send-campaign-links";
import { startCampaign } from "@/lib/campaigns/start-campaign";

const password = "correct horse battery staple";
const axeSource = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"),
  "utf8",
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** What axe found on each page walked, checked at the end so that one run reports every page. */
const found: string[] = [];

/** Runs axe-core on the page as it is and notes any violation, whatever its impact, and any message key shown as it is. */
async function expectAccessible(page: Page, what: string) {
  await page.waitForLoadState("networkidle");
  await page.addScriptTag({ content: axeSource });
  const { violations, passes } = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: () => Promise<{ violations: Violation[]; passes: unknown[] }> } }
    ).axe;
    const result = await axe.run();
    return { violations: result.violations, passes: result.passes.length };
  });
  // axe really looked at the page (a page it could not read would pass nothing).
  expect(passes, what).toBeGreaterThan(10);
  // Words, never keys: every area the page's client components read was sent to the browser.
  for (const key of await rawMessageKeysOn(page))
    found.push(`${what} (${page.url()}): message key shown: ${key}`);
  for (const v of violations) {
    found.push(
      `${what} (${page.url()}): ${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`).join("\n"),
    );
  }
}

describe.skipIf(!browserTestsRun)("accessibility (axe-core) of the main pages", () => {
  useE2eDatabase();
  const browser = useBrowser();

  it("has no violation on the main pages, in English and in French", async () => {
    const tenant = await seedTenant({ name: "Lycée Jules Ferry" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedClientConfiguration(tenant.id, { name: "Google", provider: "google" });
    const mailbox = await seedMailbox(tenant.id, config.id, {
      address: "secretariat@lycee.test",
      state: "needs_reconnect",
      assignedTo: [admin.id],
    });
    const connected = await seedMailbox(tenant.id, config.id, {
      address: "vie-scolaire@lycee.test",
      state: "connected",
    });
    // The overview's charts drawn: mail in the last 24 hours, a connection ending within 30 days.
    await seedRelayedMail(tenant.id, connected.id, null, { status: "failed" });
    await seedRelayedMail(tenant.id, mailbox.id, null, { status: "held" });
    await (
      await getDb()
    ).mailbox.update({
      where: { id: connected.id },
      data: { refreshTokenExpiresAt: new Date(Date.now() + 20 * 86_400_000) },
    });
    const credential = await createRelayCredential(await contextFor(admin, tenant, "relay.write"), {
      name: "Photocopieur, salle des profs",
      mailboxIds: [connected.id, mailbox.id],
      fromPolicy: "as_sent",
      allowedNetworks: ["192.168.10.0/24"],
      dailyCap: 200,
    });
    await seedRelayEvent(tenant.id, credential.id, { kind: "refusal", code: 535, reason: "bad_password" });
    await seedRelayEvent(tenant.id, credential.id, {
      kind: "session",
      messages: 2,
      refusals: 1,
      startedAt: new Date(Date.now() - 60_000),
    });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await importSmtpAuthReport(await contextFor(admin, tenant, "migration.write"), {
      text: `Sender address,Messages sent,TLS1.0 %,TLS1.1 %,TLS1.2 %,Authentication protocol\r\nvie-scolaire@lycee.test,12,0,0,100,Basic\r\ncopieur@lycee.test,40,80,20,0,Basic\r\npronote@lycee.test,3,0,0,100,OAuth\r\n`,
      fileName: "smtp-auth.csv",
      period: reportPeriodSchema.parse({ periodStart: day(-7), periodEnd: day(-1) }),
    });
    const campaignCtx = await contextFor(admin, tenant, "mailboxes.write");
    const campaign = await startCampaign(campaignCtx, { name: "Rentrée", channel: "mail", linkDays: 7 });
    await sendCampaignLinks(campaignCtx, { campaignId: campaign.id, ids: [mailbox.id] });
    const operator = await seedUser({ isOperator: true, password });

    const page = await browser.newPage();
    await page.goto("/signin");
    await expectAccessible(page, "sign-in");
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    await expectTestId(page, "dashboard");
    await expectAccessible(page, "tenant dashboard");
    const base = `/t/${tenant.slug}`;
    for (const [what, path] of [
      ["tenant dashboard, 7 days", `${base}?range=7d`],
      ["members", `${base}/members`],
      ["mailboxes", `${base}/mailboxes`],
      ["mailbox page", `${base}/mailboxes/${mailbox.id}`],
      ["my mailboxes", `${base}/my-mailboxes`],
      ["compose, a sender to reconnect chosen", `${base}/compose?mailbox=${mailbox.id}`],
      ["mailbox import", `${base}/mailboxes/import`],
      ["clients", `${base}/clients`],
      ["outbox", `${base}/outbox`],
      ["audit", `${base}/audit`],
      ["SMTP relay", `${base}/relay`],
      ["relay credential", `${base}/relay/${credential.id}`],
      ["migration", `${base}/migration`],
      ["reconnect campaigns", `${base}/campaigns`],
      ["new reconnect campaign", `${base}/campaigns/new`],
      ["reconnect campaign", `${base}/campaigns/${campaign.id}`],
    ] as const) {
      await page.goto(path);
      await expectAccessible(page, what);
    }

    // The test mail's warning, for a mailbox that cannot send.
    await page.goto(`${base}/mailboxes/${mailbox.id}`);
    await (await expectTestId(page, "send-test-mail")).click();
    await expectTestId(page, "send-test-mail-warning");
    await expectAccessible(page, "mailbox page, test mail warning");

    // On a phone: the header's menu, and the mailbox list's filters and bulk actions, open.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/mailboxes`);
    await page.getByTestId("header-menu-button").click();
    await page.getByTestId("mailbox-filters-toggle").click();
    await page.getByTestId("bulk-actions-toggle").click();
    await expectTestId(page, "mailbox-search");
    await expectAccessible(page, "mailboxes on a phone, menu and filters open");
    await page.setViewportSize({ width: 1280, height: 720 });

    // The relay page with a credential just created: its password and connection sheet.
    await page.goto(`${base}/relay`);
    await page.getByTestId("relay-name").fill("Scanner");
    await page.getByTestId("relay-mailbox-vie-scolaire@lycee.test").check();
    await page.getByTestId("relay-create").click();
    await expectTestId(page, "relay-connection-sheet");
    await expectAccessible(page, "SMTP relay, credential created");

    // Webhooks: the list, a refused form, a new endpoint's secret, and its page with a test event waiting.
    await page.goto(`${base}/webhooks`);
    await expectAccessible(page, "webhooks");
    await page.getByTestId("webhook-create").click();
    await expectTestId(page, "webhook-error-url");
    await expectAccessible(page, "webhooks, form refused");
    await page.getByTestId("webhook-url").fill("http://127.0.0.1:9/relais");
    await page.getByTestId("webhook-event-mail.sent").check();
    await page.getByTestId("webhook-create").click();
    await expectTestId(page, "webhook-secret");
    await expectAccessible(page, "webhooks, endpoint added");
    await page.getByTestId("webhook-created-open").click();
    await expectTestId(page, "webhook-endpoint-url");
    const webhookEndpointPath = new URL(page.url()).pathname;
    await page.getByTestId("webhook-send-test").click();
    await page.getByTestId("webhook-delivery-row").waitFor();
    await expectAccessible(page, "webhook endpoint");
    // Paused, so that no test's worker tries to deliver to it; and its paused state is checked too.
    await page.getByTestId("webhook-pause").click();
    await expectTestId(page, "webhook-test-paused");
    await expectAccessible(page, "webhook endpoint, paused");

    // The migration planner after a run: a result per sender and the devices' sheets.
    await page.goto(`${base}/migration`);
    await page.getByTestId("migration-select-to-do").click();
    await page.getByTestId("migration-configuration").selectOption({ label: "Google" });
    await page.getByTestId("migration-run").click();
    await page.locator('[data-testid="migration-progress"][data-state="finished"]').waitFor();
    await expectTestId(page, "migration-sheets");
    await expectAccessible(page, "migration, after a run");

    const operatorPage = await browser.newPage();
    await signIn(operatorPage, operator.email, password, "/signin?callbackUrl=/operator");
    await expectTestId(operatorPage, "tenant-table");
    await expectAccessible(operatorPage, "operator");

    const french = await browser.newPage({ locale: "fr-FR" });
    await french.goto("/signin");
    await expectAccessible(french, "connexion");
    await signIn(french, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    await expectTestId(french, "dashboard");
    await expectAccessible(french, "tableau de bord");
    await french.setViewportSize({ width: 390, height: 844 });
    await french.goto(`${base}/outbox`);
    await french.getByTestId("header-menu-button").click();
    await french.getByTestId("outbox-filters-toggle").click();
    await expectAccessible(french, "boîte d’envoi sur un téléphone, menu et filtres ouverts");
    await french.setViewportSize({ width: 1280, height: 720 });
    await french.goto(`${base}/relay`);
    await expectAccessible(french, "relais SMTP");
    await french.goto(`${base}/relay/${credential.id}`);
    await expectAccessible(french, "compte de relais");
    await french.goto(`${base}/migration`);
    await expectAccessible(french, "migration");
    await french.goto(`${base}/webhooks`);
    await expectAccessible(french, "webhooks");
    await french.goto(webhookEndpointPath);
    await expectAccessible(french, "point de réception de webhooks");
    await french.goto(`${base}/campaigns/${campaign.id}`);
    await expectAccessible(french, "campagne de reconnexion");
    expect(found.join("\n")).toBe("");
    // One walk over thirty-odd pages and states, each checked by axe: longer than one page's test.
  }, 180_000);
});
