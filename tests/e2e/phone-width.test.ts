import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { sendCampaignLinks } from "@/lib/campaigns/send-campaign-links";
import { startCampaign } from "@/lib/campaigns/start-campaign";
import type { Db } from "@/lib/db/client";
import { newLinkToken } from "@/lib/auth/tokens";
import { importSmtpAuthReport } from "@/lib/migration/import-report";
import { reportPeriodSchema } from "@/lib/migration/migration-schemas";
import { createRelayCredential } from "@/lib/relay-credentials/create-relay-credential";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { contextFor, seedMember, seedTenant, seedUser } from "../support/factories";
import { seedAuditEntry } from "../support/seed-audit";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { seedRelayedMail, seedRelayEvent } from "../support/seed-relay";
import { rawMessageKeysOn } from "../support/raw-message-keys";

// The webhook secret is sealed by this process (createWebhookEndpoint); the pages never open it.
process.env.RELAIS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const password = "correct horse battery staple";
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

/** Screenshots for a person to look at, when RELAIS_SCREENSHOTS_DIR names a folder (never the repository). */
const shotsDir = process.env.RELAIS_SCREENSHOTS_DIR;

async function shot(page: Page, name: string) {
  if (!shotsDir) return;
  await mkdir(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** A page to visit, and what of a list's first row must be in view (a mailbox's address and state). */
interface Visit {
  name: string;
  path: string;
  /** The element that shows the page is there. */
  ready?: string;
  /** The list's rows, and in the first one what must lie inside the screen. */
  row?: { selector: string; essentials: Record<string, string> };
}

const mailboxRow = {
  selector: '[data-testid^="mailbox-row-"]',
  essentials: { address: '[data-column="address"]', state: '[data-column="state"]' },
};

/** Where an element lies across the page, or null when it is not rendered. */
async function horizontalSpan(page: Page, selector: string) {
  const element = page.locator(selector).first();
  if ((await element.count()) === 0) return null;
  const box = await element.boundingBox();
  return box && { left: box.x, right: box.x + box.width };
}

/** The innermost elements that reach past the screen's right edge, to say what widens the page. */
async function widestElements(page: Page, width: number): Promise<string> {
  const found = await page.evaluate((edge) => {
    // Inside a box that scrolls on its own, an element is cut at the box's edge; unless it is
    // positioned against something outside the box (a visually hidden text, say).
    const clipped = (element: Element) => {
      if (["absolute", "fixed"].includes(getComputedStyle(element).position)) return false;
      for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
        if (
          getComputedStyle(box).overflowX !== "visible" &&
          box.getBoundingClientRect().right <= edge + 0.5
        ) {
          return true;
        }
      }
      return false;
    };
    const past = [...document.body.querySelectorAll("*")].filter(
      (element) => element.getBoundingClientRect().right > edge + 0.5 && !clipped(element),
    );
    // The innermost ones: an element whose child also reaches past the edge says less.
    return past
      .filter((element) => !past.some((other) => other !== element && element.contains(other)))
      .slice(0, 5)
      .map((element) => {
        const testId = element.getAttribute("data-testid");
        const right = Math.round(element.getBoundingClientRect().right);
        return `<${element.tagName.toLowerCase()}${testId ? ` data-testid="${testId}"` : ""} class="${element.getAttribute("class") ?? ""}"> ends at ${right} px`;
      });
  }, width);
  return found.length ? `; past the edge:\n  ${found.join("\n  ")}` : "";
}

/**
 * The page at a width: it does not scroll sideways, and the first row's
 * address and state lie inside the screen. Soft assertions, so that one run
 * lists every page that does not fit.
 */
async function expectFits(page: Page, visit: Visit, width: number, label: string) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  const culprits = scrollWidth > width ? await widestElements(page, width) : "";
  expect
    .soft(scrollWidth, `${label}: the page is ${scrollWidth} px wide at ${width} px${culprits}`)
    .toBeLessThanOrEqual(width);
  if (!visit.row) return;
  for (const [what, selector] of Object.entries(visit.row.essentials)) {
    const span = await horizontalSpan(page, `${visit.row.selector} >> nth=0 >> ${selector}`);
    expect.soft(span, `${label}: the first row's ${what} at ${width} px`).not.toBeNull();
    if (!span) continue;
    expect.soft(span.left, `${label}: the first row's ${what} starts off-screen`).toBeGreaterThanOrEqual(0);
    expect.soft(span.right, `${label}: the first row's ${what} ends off-screen`).toBeLessThanOrEqual(width);
  }
}

/** Opens each page at a phone's width, then at a desktop's, and checks it fits both. */
async function visitAll(page: Page, visits: Visit[], lang: string) {
  for (const visit of visits) {
    await page.setViewportSize(phone);
    await page.goto(visit.path);
    if (visit.ready) await expectTestId(page, visit.ready);
    await page.waitForLoadState("networkidle");
    const label = `${visit.name} (${lang})`;
    expect.soft(await rawMessageKeysOn(page), `${label}: message keys shown instead of words`).toEqual([]);
    await expectFits(page, visit, phone.width, label);
    await shot(page, `${visit.name}-${lang}-390`);
    await page.setViewportSize(desktop);
    await expectFits(page, visit, desktop.width, label);
    await shot(page, `${visit.name}-${lang}-1280`);
  }
}

/**
 * On a phone the header's menu and the mailbox list's filters open from a
 * button that says whether it is open, and still fit; Escape closes the menu
 * and gives the focus back to its button, and following a link closes it. On
 * a desktop both are simply there, without their buttons.
 */
async function checkMenuAndFilters(page: Page, base: string, lang: string) {
  await page.setViewportSize(phone);
  await page.goto(`${base}/mailboxes`);
  await expectTestId(page, "mailboxes-table");
  const menuButton = page.getByTestId("header-menu-button");
  const mailboxesLink = page.getByTestId("header-menu").locator(`nav a[href="${base}/mailboxes"]`);
  await expect.poll(() => menuButton.getAttribute("aria-expanded")).toBe("false");
  await mailboxesLink.waitFor({ state: "hidden", timeout: 5_000 });
  await page.getByTestId("current-user").waitFor({ state: "hidden", timeout: 5_000 });
  await menuButton.click();
  await expect.poll(() => menuButton.getAttribute("aria-expanded")).toBe("true");
  await mailboxesLink.waitFor({ state: "visible", timeout: 5_000 });
  await page.getByTestId("current-user").waitFor({ state: "visible", timeout: 5_000 });
  await page.getByTestId("language-switch").waitFor({ state: "visible", timeout: 5_000 });
  await expectFits(page, { name: "menu", path: base }, phone.width, `the open menu (${lang})`);
  await shot(page, `menu-open-${lang}-390`);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await expect.poll(() => menuButton.getAttribute("aria-expanded")).toBe("false");
  await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe(
    "header-menu-button",
  );

  const filtersButton = page.getByTestId("mailbox-filters-toggle");
  const search = page.getByTestId("mailbox-search");
  await expect.poll(() => filtersButton.getAttribute("aria-expanded")).toBe("false");
  await search.waitFor({ state: "hidden", timeout: 5_000 });
  await filtersButton.click();
  await expect.poll(() => filtersButton.getAttribute("aria-expanded")).toBe("true");
  await search.waitFor({ state: "visible", timeout: 5_000 });
  await page.getByTestId("bulk-actions-toggle").click();
  await page.getByTestId("bulk-review").waitFor({ state: "visible", timeout: 5_000 });
  await expectFits(
    page,
    { name: "filters", path: base, row: mailboxRow },
    phone.width,
    `open filters (${lang})`,
  );
  await shot(page, `mailboxes-filters-open-${lang}-390`);
  // A filter in use is counted on the button.
  await page.getByTestId("mailbox-state-filter").selectOption("connected");
  await page.getByTestId("mailbox-filter-apply").click();
  await page.waitForURL((url) => url.searchParams.get("state") === "connected");
  await expect(filtersButton.innerText()).resolves.toMatch(/\(1 /);

  await menuButton.click();
  await mailboxesLink.click();
  await page.waitForURL((url) => url.pathname === `${base}/mailboxes` && !url.search);
  await expect.poll(() => menuButton.getAttribute("aria-expanded")).toBe("false");

  await page.setViewportSize(desktop);
  await menuButton.waitFor({ state: "hidden", timeout: 5_000 });
  await filtersButton.waitFor({ state: "hidden", timeout: 5_000 });
  await mailboxesLink.waitFor({ state: "visible", timeout: 5_000 });
  await page.getByTestId("current-user").waitFor({ state: "visible", timeout: 5_000 });
  await search.waitFor({ state: "visible", timeout: 5_000 });
}

/** A school whose every list is long, with long addresses and names, as the phone layout's worst case. */
async function seedSchool(db: Db) {
  const tenant = await seedTenant({
    name: "Lycée polyvalent régional Marguerite-Yourcenar-et-Saint-Exupéry",
  });
  const admin = await seedMember(tenant.id, "admin", {
    password,
    email: `direction.administrative.${tenant.slug}@lycee-polyvalent-marguerite-yourcenar.test`,
  });
  const staff = await seedMember(tenant.id, "member", {
    password,
    email: `professeure.documentaliste.${tenant.slug}@lycee-polyvalent-marguerite-yourcenar.test`,
  });
  const google = await seedClientConfiguration(tenant.id, {
    name: "Google Workspace de l'établissement (compte de service principal)",
    provider: "google",
  });
  const microsoft = await seedClientConfiguration(tenant.id, {
    name: "Microsoft 365 — Académie, application d'envoi des bulletins",
    provider: "microsoft",
  });
  const domain = "lycee-polyvalent-marguerite-yourcenar.test";
  const mailboxes = [];
  for (const [local, state, config] of [
    ["administration.secretariat-des-eleves-et-des-examens", "needs_reconnect", microsoft],
    ["vie-scolaire.conseillers-principaux-d-education", "connected", google],
    ["intendance.gestion-financiere-et-materielle", "insufficient_scope", microsoft],
    ["orientation.psychologues-de-l-education-nationale", "pending", google],
    ["infirmerie.sante-scolaire", "config_error", google],
    ["cdi.documentation", "revoked", microsoft],
  ] as const) {
    mailboxes.push(
      await seedMailbox(tenant.id, config.id, {
        address: `${local}@${domain}`,
        displayName: `Service ${local.split(".")[0]} du lycée polyvalent`,
        state,
        assignedTo: [admin.id, staff.id],
      }),
    );
  }
  const reconnect = mailboxes[0]!;
  const connected = mailboxes[1]!;
  const connectLink = newLinkToken();
  const invitation = newLinkToken();
  await db.connectLink.create({
    data: {
      tenantId: tenant.id,
      mailboxId: reconnect.id,
      tokenHash: connectLink.tokenHash,
      sentTo: reconnect.address,
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    },
  });
  await db.invitation.create({
    data: {
      tenantId: tenant.id,
      email: `nouvelle.enseignante.remplacante.${tenant.slug}@lycee-polyvalent-marguerite-yourcenar.test`,
      role: "member",
      tokenHash: invitation.tokenHash,
      invitedById: admin.id,
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    },
  });
  const adminCtx = await contextFor(admin, tenant, "relay.write");
  const credential = await createRelayCredential(adminCtx, {
    name: "Photocopieur multifonction de la salle des professeurs (bâtiment B)",
    mailboxIds: [connected.id, reconnect.id],
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
  const statuses = ["queued", "held", "sent", "failed", "cancelled"] as const;
  const mails = [];
  for (const [index, status] of statuses.entries()) {
    mails.push(
      await seedRelayedMail(
        tenant.id,
        index % 2 ? reconnect.id : connected.id,
        index % 2 ? credential.id : null,
        {
          status,
          to: `representants.legaux.eleve-${index}@famille-tres-longue-adresse.example.org`,
          subject: `Convocation au conseil de classe du deuxième trimestre, classe de seconde ${index}`,
        },
      ),
    );
  }
  await createApiKey(await contextFor(admin, tenant, "apiKeys.write"), {
    name: "Logiciel de vie scolaire (emploi du temps, absences et cahier de textes)",
    mailboxIds: [connected.id],
  });
  const webhooksCtx = await contextFor(admin, tenant, "webhooks.write");
  const endpoint = await createWebhookEndpoint(webhooksCtx, {
    url: "https://pronote.lycee-polyvalent-marguerite-yourcenar.test/relais/webhooks/receive/the-timetable-software?token=abcdef0123456789",
    description: "Pronote, emploi du temps et cahier de textes du groupe scolaire (serveur de la direction)",
    eventTypes: ["mail.sent", "mail.failed", "mail.held", "mailbox.state_changed", "mailbox.ending_soon"],
  });
  // A delivery waiting, on a paused endpoint: nothing tries to deliver it.
  await sendTestWebhook(webhooksCtx, endpoint.id);
  await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false } });
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await importSmtpAuthReport(await contextFor(admin, tenant, "migration.write"), {
    text:
      "Sender address,Messages sent,TLS1.0 %,TLS1.1 %,TLS1.2 %,Authentication protocol\r\n" +
      `${connected.address},12,0,0,100,Basic\r\n` +
      `photocopieur.salle-des-professeurs.batiment-b@${domain},40,80,20,0,Basic\r\n` +
      `pronote.notifications-automatiques@${domain},3,0,0,100,OAuth\r\n`,
    fileName: "rapport-smtp-auth-du-tenant-microsoft-365-de-l-academie.csv",
    period: reportPeriodSchema.parse({ periodStart: day(-7), periodEnd: day(-1) }),
  });
  for (let i = 0; i < 5; i++) {
    await seedAuditEntry(tenant.id, {
      actorLabel: admin.email,
      action: "mailbox.updated",
      targetType: "mailbox",
      targetLabel: reconnect.address,
      details: { field: "displayName", from: "Secrétariat", to: "Secrétariat des élèves et des examens" },
    });
  }
  // A reconnect campaign over every mailbox not connected, its links sent to some of them.
  const campaignCtx = await contextFor(admin, tenant, "mailboxes.write");
  const campaign = await startCampaign(campaignCtx, {
    name: "Rentrée de septembre : toutes les boîtes du lycée polyvalent à reconnecter avant les conseils",
    channel: "mail",
    linkDays: 7,
    reminderDays: 3,
  });
  await sendCampaignLinks(campaignCtx, {
    campaignId: campaign.id,
    // Not the mailbox whose connect link the connect pages below open: a new link would replace it.
    ids: campaign.targets
      .filter((target) => target.id !== reconnect.id)
      .slice(0, 3)
      .map((target) => target.id),
  });
  const operator = await seedUser({
    isOperator: true,
    password,
    email: `exploitation.plateforme.${tenant.slug}@rectorat-academie-exemple.test`,
  });

  return {
    tenant,
    admin,
    staff,
    operator,
    microsoft,
    reconnect,
    credential,
    failedMail: mails[statuses.indexOf("failed")]!,
    endpoint,
    campaignId: campaign.id,
    tokens: { connectLink: connectLink.token, invitation: invitation.token },
  };
}

describe.skipIf(!browserTestsRun)("every main page fits a 390 px phone, in English and in French", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("as an administrator, a member of staff, the operator, and from the links people open on a phone", async () => {
    const {
      tenant,
      admin,
      staff,
      operator,
      microsoft,
      reconnect,
      credential,
      failedMail,
      endpoint,
      campaignId,
      tokens,
    } = await seedSchool(e2e.db);
    const base = `/t/${tenant.slug}`;
    const outboxRow = {
      selector: '[data-testid="outbox-row"]',
      essentials: { subject: 'a[href*="/outbox/"]', status: '[data-testid="mail-status"]' },
    };
    const recentMailRow = {
      selector: '[data-testid="mailbox-recent-mail"] tbody tr',
      essentials: { subject: "a", status: '[data-testid="mail-status"]' },
    };
    const myMailboxRow = {
      selector: '[data-testid="my-mailboxes"] > li',
      essentials: { address: "p >> nth=0", state: '[data-testid^="my-mailbox-state-"]' },
    };
    const adminPages: Visit[] = [
      { name: "dashboard", path: base, ready: "dashboard" },
      {
        name: "members",
        path: `${base}/members`,
        row: {
          selector: '[data-testid^="member-row-"]',
          essentials: { address: "td >> nth=0", role: '[data-testid="member-role"]' },
        },
      },
      {
        name: "audit",
        path: `${base}/audit`,
        row: {
          selector: '[data-testid="audit-row"]',
          essentials: { when: "td >> nth=0", action: "td >> nth=2" },
        },
      },
      {
        name: "clients",
        path: `${base}/clients`,
        row: { selector: 'tr[data-testid^="client-row-"]', essentials: { name: "td >> nth=0" } },
      },
      { name: "client-new", path: `${base}/clients/new` },
      { name: "client", path: `${base}/clients/${microsoft.id}` },
      { name: "mailboxes", path: `${base}/mailboxes`, ready: "mailboxes-table", row: mailboxRow },
      { name: "mailbox-new", path: `${base}/mailboxes/new` },
      { name: "mailbox-import", path: `${base}/mailboxes/import` },
      {
        name: "mailbox",
        path: `${base}/mailboxes/${reconnect.id}`,
        ready: "mailbox-address-heading",
        row: recentMailRow,
      },
      { name: "mailbox-device", path: `${base}/mailboxes/${reconnect.id}/device` },
      { name: "my-mailboxes", path: `${base}/my-mailboxes`, ready: "my-mailboxes", row: myMailboxRow },
      { name: "outbox", path: `${base}/outbox`, row: outboxRow },
      { name: "outbox-mail", path: `${base}/outbox/${failedMail.id}` },
      { name: "compose", path: `${base}/compose` },
      { name: "compose-reconnect", path: `${base}/compose?mailbox=${reconnect.id}` },
      {
        name: "api-keys",
        path: `${base}/api-keys`,
        row: {
          selector: '[data-testid="api-key-row"]',
          essentials: { name: "td >> nth=0", state: "td >> nth=5" },
        },
      },
      { name: "webhooks", path: `${base}/webhooks` },
      { name: "webhook", path: `${base}/webhooks/${endpoint.id}` },
      {
        name: "relay",
        path: `${base}/relay`,
        row: {
          selector: '[data-testid="relay-row"]',
          essentials: { name: "td >> nth=0", state: '[data-testid="relay-state"]' },
        },
      },
      { name: "relay-credential", path: `${base}/relay/${credential.id}` },
      { name: "migration", path: `${base}/migration` },
      { name: "settings", path: `${base}/settings` },
      {
        name: "campaigns",
        path: `${base}/campaigns`,
        row: { selector: '[data-testid="campaign-row"]', essentials: { name: "td >> nth=0" } },
      },
      { name: "campaign-new", path: `${base}/campaigns/new` },
      {
        name: "campaign",
        path: `${base}/campaigns/${campaignId}`,
        ready: "campaign-report",
        row: {
          selector: '[data-testid="campaign-member"]',
          essentials: { address: "td >> nth=0", status: '[data-testid="campaign-member-status"]' },
        },
      },
    ];
    const staffPages: Visit[] = [
      {
        name: "staff-overview",
        path: base,
        ready: "member-overview",
        row: {
          selector: '[data-testid="member-overview"] tbody tr',
          essentials: { address: '[data-column="address"]', state: '[data-column="state"]' },
        },
      },
      { name: "staff-my-mailboxes", path: `${base}/my-mailboxes`, ready: "my-mailboxes", row: myMailboxRow },
      {
        name: "staff-mailbox",
        path: `${base}/mailboxes/${reconnect.id}`,
        ready: "mailbox-address-heading",
        row: recentMailRow,
      },
      { name: "staff-mailbox-device", path: `${base}/mailboxes/${reconnect.id}/device` },
      { name: "staff-outbox", path: `${base}/outbox`, row: outboxRow },
      { name: "staff-compose", path: `${base}/compose` },
    ];
    const publicPages: Visit[] = [
      { name: "signin", path: "/signin" },
      { name: "signin-link", path: "/signin/link?token=not-a-real-token" },
      { name: "invitation", path: `/invitations/${tokens.invitation}` },
      { name: "connect", path: `/connect/${tokens.connectLink}`, ready: "connect-address" },
      { name: "connect-device", path: `/connect/${tokens.connectLink}/device` },
      { name: "oauth-result", path: "/oauth/result" },
    ];

    for (const locale of ["en-GB", "fr-FR"]) {
      const lang = locale.slice(0, 2);
      const anonymous = await browser.newPage({ locale });
      await visitAll(anonymous, publicPages, lang);
      await anonymous.context().close();

      const adminPage = await browser.newPage({ locale });
      await signIn(adminPage, admin.email, password, `/signin?callbackUrl=${base}`);
      await visitAll(adminPage, adminPages, lang);
      await checkMenuAndFilters(adminPage, base, lang);
      await adminPage.context().close();

      const staffPage = await browser.newPage({ locale });
      await signIn(staffPage, staff.email, password, `/signin?callbackUrl=${base}`);
      await visitAll(staffPage, staffPages, lang);
      await staffPage.context().close();

      const operatorPage = await browser.newPage({ locale });
      await signIn(operatorPage, operator.email, password, "/signin?callbackUrl=/operator");
      await visitAll(
        operatorPage,
        [
          {
            name: "operator",
            path: "/operator",
            ready: "tenant-table",
            row: {
              selector: '[data-testid="tenant-row"]',
              essentials: { name: "td >> nth=0", status: '[data-testid="tenant-status"]' },
            },
          },
        ],
        lang,
      );
      await operatorPage.context().close();
    }
  }, 600_000);
});
