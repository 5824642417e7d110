import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { OutgoingMailStatus } from "@/lib/db/generated/enums";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant, seedUser } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

const password = "correct horse battery staple";
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A mail as the worker leaves it: sent at `at` (sentAt), failed at `at` (updatedAt), or held since `at` (createdAt). */
async function seedMail(db: Db, tenantId: string, mailboxId: string, status: OutgoingMailStatus, at: Date) {
  const mail = await db.outgoingMail.create({
    data: {
      tenantId,
      mailboxId,
      messageId: `<${randomUUID()}@relais.test>`,
      source: "api",
      to: ["parent@example.test"],
      subject: "Bulletin",
      text: "body",
      sizeBytes: 10,
      recipientCount: 1,
      status,
      createdAt: at,
      ...(status === "sent" ? { sentAt: at } : {}),
    },
  });
  await db.$executeRaw`UPDATE "OutgoingMail" SET "updatedAt" = ${at.toISOString()}::timestamp(3) WHERE id = ${mail.id}::uuid`;
}

/** A school whose mail spreads over 100 days and two of whose connections end within 60 days. */
async function seedSchoolWithMail(db: Db, name: string) {
  const tenant = await seedTenant({ name });
  const admin = await seedMember(tenant.id, "admin", { password });
  const config = await seedClientConfiguration(tenant.id, { name: "Google", provider: "google" });
  const mailbox = await seedMailbox(tenant.id, config.id, { state: "connected" });
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms);
  await seedMail(db, tenant.id, mailbox.id, "sent", ago(10 * 60_000));
  await seedMail(db, tenant.id, mailbox.id, "sent", ago(10 * 60_000));
  await seedMail(db, tenant.id, mailbox.id, "failed", ago(2 * HOUR));
  await seedMail(db, tenant.id, mailbox.id, "held", ago(3 * HOUR));
  for (let i = 0; i < 3; i++) await seedMail(db, tenant.id, mailbox.id, "sent", ago(3 * DAY));
  await seedMail(db, tenant.id, mailbox.id, "failed", ago(20 * DAY));
  await seedMail(db, tenant.id, mailbox.id, "sent", ago(100 * DAY));
  for (const days of [10, 45]) {
    const box = await seedMailbox(tenant.id, config.id, { state: "connected" });
    await db.mailbox.update({
      where: { id: box.id },
      data: { refreshTokenExpiresAt: new Date(now + days * DAY) },
    });
  }
  return { tenant, admin };
}

describe.skipIf(!browserTestsRun)("dashboards in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("an admin sees the counts, filters, sorts, pages and searches the table in the URL, and runs a bulk action on a filter", async () => {
    const tenant = await seedTenant({ name: "Collège Jean Moulin" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedClientConfiguration(tenant.id, { name: "Google", provider: "google" });
    await seedMailbox(tenant.id, config.id, { address: "connected-1@college.test", state: "connected" });
    await seedMailbox(tenant.id, config.id, { address: "connected-2@college.test", state: "connected" });
    await seedMailbox(tenant.id, config.id, { address: "reconnect@college.test", state: "needs_reconnect" });
    await e2e.db.mailbox.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        tenantId: tenant.id,
        clientConfigurationId: config.id,
        address: `pending-${String(i).padStart(2, "0")}@college.test`,
        displayName: i === 7 ? "Vie scolaire" : "",
      })),
    });

    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    await expectTestId(page, "dashboard");
    await expect(page.getByTestId("dashboard-count-connected").innerText()).resolves.toBe("2");
    await expect(page.getByTestId("dashboard-count-needs_reconnect").innerText()).resolves.toBe("1");
    await expect(page.getByTestId("dashboard-count-pending").innerText()).resolves.toBe("30");
    await expect(page.getByTestId("dashboard-queue").innerText()).resolves.toBe("0");
    await expect(page.getByTestId("dashboard-sent-24h").innerText()).resolves.toBe("0");
    await expectTestId(page, "dashboard-chart");
    await expect(page.locator('nav a[aria-current="page"]').innerText()).resolves.not.toBe("");

    // Filter by state through the form: the URL carries it.
    await page.goto(`/t/${tenant.slug}/mailboxes`);
    await (await expectTestId(page, "mailbox-state-filter")).selectOption("pending");
    await page.getByTestId("mailbox-page-size").selectOption("25");
    await page.getByTestId("mailbox-sort").selectOption("address");
    await page.getByTestId("mailbox-dir").selectOption("desc");
    await page.getByTestId("mailbox-filter-apply").click();
    await page.waitForURL((url) => url.searchParams.get("state") === "pending");
    const url = new URL(page.url());
    expect(url.searchParams.get("size")).toBe("25");
    expect(url.searchParams.get("dir")).toBe("desc");
    await expect(page.getByTestId("mailboxes-total").getAttribute("data-count")).resolves.toBe("30");
    await expectTestId(page, "mailbox-row-pending-29@college.test");
    await expect(page.getByTestId("mailbox-row-pending-00@college.test").count()).resolves.toBe(0);

    // Next by its link: the URL carries the edge of the page (a cursor), and is shareable.
    await page.getByTestId("mailboxes-next").click();
    await page.waitForURL((url) => url.searchParams.has("after"));
    await expectTestId(page, "mailbox-row-pending-00@college.test");
    await expect(page.getByTestId("mailbox-row-pending-05@college.test").count()).resolves.toBe(0);
    await expect(page.getByTestId("mailboxes-next").count()).resolves.toBe(0);
    const second = new URL(page.url());
    const shared = await browser.newPage();
    await signIn(
      shared,
      admin.email,
      password,
      `/signin?callbackUrl=${encodeURIComponent(`${second.pathname}${second.search}`)}`,
    );
    await expectTestId(shared, "mailbox-row-pending-04@college.test");
    await expect(shared.getByTestId("mailbox-row-pending-29@college.test").count()).resolves.toBe(0);

    // Previous comes back to the first page; Last shows the end of the order.
    await page.getByTestId("mailboxes-previous").click();
    await page.waitForURL((url) => url.searchParams.has("before"));
    await expectTestId(page, "mailbox-row-pending-29@college.test");
    await expect(page.getByTestId("mailboxes-previous").count()).resolves.toBe(0);
    await page.getByTestId("mailboxes-last").click();
    await page.waitForURL((url) => url.searchParams.get("page") === "last");
    await expectTestId(page, "mailbox-row-pending-00@college.test");
    await expectTestId(page, "mailbox-row-pending-24@college.test");
    await expect(page.getByTestId("mailbox-row-pending-25@college.test").count()).resolves.toBe(0);
    await expect(page.getByTestId("mailboxes-last").count()).resolves.toBe(0);

    // A cursor that does not decode (edited, truncated) shows the first page, not an error.
    await page.goto(`/t/${tenant.slug}/mailboxes?state=pending&dir=desc&size=25&after=not-a-cursor`);
    await expectTestId(page, "mailbox-row-pending-29@college.test");

    // Search by part of a name or address, any case.
    await page.goto(`/t/${tenant.slug}/mailboxes?q=SCOLAIRE`);
    await expectTestId(page, "mailbox-row-pending-07@college.test");
    await expect(page.getByTestId("mailboxes-total").getAttribute("data-count")).resolves.toBe("1");
    await page.goto(`/t/${tenant.slug}/mailboxes?q=ding-1`);
    await expectTestId(page, "mailbox-row-pending-19@college.test");
    await expect(page.getByTestId("mailboxes-total").getAttribute("data-count")).resolves.toBe("10");

    // A bulk action on everything the filter matches, with the count confirmed first.
    await page.goto(`/t/${tenant.slug}/mailboxes?state=pending`);
    await (await expectTestId(page, "bulk-action")).selectOption("connect_links");
    await page.getByTestId("bulk-scope-filter").check();
    await page.getByTestId("bulk-review").click();
    const count = await expectTestId(page, "bulk-confirm-count");
    await expect(count.getAttribute("data-count")).resolves.toBe("30");
    await page.getByTestId("bulk-confirm-run").click();
    const result = await expectTestId(page, "bulk-result");
    await expect(result.getAttribute("data-done")).resolves.toBe("30");
    await expect(e2e.db.connectLink.count({ where: { tenantId: tenant.id } })).resolves.toBe(30);
  });

  it("an admin reads mail per hour and per day on labelled axes, its table for a chosen period, and the connections ending", async () => {
    const { tenant, admin } = await seedSchoolWithMail(e2e.db, "Collège Louise Michel");
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    const chart = await expectTestId(page, "dashboard-chart");
    await expect(chart.getAttribute("data-range")).resolves.toBe("24h");
    await expect(page.getByTestId("mail-activity-range-24h").getAttribute("aria-current")).resolves.toBe(
      "true",
    );
    // The drawing: an image named by its totals, with its axes titled and labelled.
    const svg = page.getByTestId("mail-activity-chart");
    await expect(svg.getAttribute("role")).resolves.toBe("img");
    await expect(svg.getAttribute("aria-label")).resolves.toBe(
      "Mail per hour over the last 24 hours: 2 sent, 1 failed, 1 held.",
    );
    await expect(svg.locator('[data-axis="x"]').textContent()).resolves.toBe("Hour (Europe/Paris)");
    await expect(svg.locator('[data-axis="y"]').textContent()).resolves.toBe("Mails");
    const xTicks = await svg.locator(".visx-axis-bottom text").allTextContents();
    expect(xTicks).toHaveLength(8);
    // A British reader's hours: on a 24-hour clock ("14"), not "2 PM".
    expect(xTicks.every((tick) => /^\d{1,2}$/.test(tick) && Number(tick) < 24)).toBe(true);
    const yTicks = await svg.locator(".visx-axis-left text").allTextContents();
    expect(yTicks.map(Number)).toEqual([0, 1, 2]);
    // Each bar's values on hover.
    await expect(svg.locator("g > title").allTextContents()).resolves.toContainEqual(
      expect.stringMatching(/: 2 sent, 0 failed, 0 held$/),
    );
    const totals = page.getByTestId("mail-activity-totals");
    await expect(totals.locator('[data-series="sent"]').getAttribute("data-count")).resolves.toBe("2");
    await expect(totals.locator('[data-series="failed"]').getAttribute("data-count")).resolves.toBe("1");
    await expect(totals.locator('[data-series="held"]').getAttribute("data-count")).resolves.toBe("1");

    // Seven days: the table behind its summary lists each day and the period's totals.
    await page.getByTestId("mail-activity-range-7d").click();
    await page.waitForURL((url) => url.searchParams.get("range") === "7d");
    await expect.poll(() => chart.getAttribute("data-range")).toBe("7d");
    await expect(page.getByTestId("mail-activity-range-7d").getAttribute("aria-current")).resolves.toBe(
      "true",
    );
    await expect(
      page.getByTestId("mail-activity-range-24h").getAttribute("aria-current"),
    ).resolves.toBeNull();
    await expect(svg.locator('[data-axis="x"]').textContent()).resolves.toBe("Day (Europe/Paris)");
    await page.getByTestId("dashboard-chart").locator("summary").click();
    const table = page.getByTestId("mail-activity-table");
    await expect(table.locator("tbody tr").count()).resolves.toBe(7);
    const cells = (row: string) =>
      Promise.all(
        ["sent", "failed", "held"].map((series) =>
          table.locator(`${row} [data-series="${series}"]`).innerText(),
        ),
      );
    await expect(cells("tfoot tr")).resolves.toEqual(["5", "1", "1"]);
    // The three mails of three days ago, on one day's row.
    await expect(table.locator('tbody [data-series="sent"]').allInnerTexts()).resolves.toContain("3");
    const days = await table.locator("tbody th").allInnerTexts();
    // Days in full as a British reader writes them: "Monday, 7 December 2026".
    expect(days.every((day) => /^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}$/.test(day))).toBe(true);

    // Ninety days, read without JavaScript: the links are plain, the page is drawn on the server.
    const html = await (await page.request.get(`/t/${tenant.slug}?range=90d`)).text();
    expect(html).toContain('data-range="90d"');
    expect(html).toMatch(
      /data-testid="mail-activity-range-90d"[^>]*aria-current="true"|aria-current="true"[^>]*data-testid="mail-activity-range-90d"/,
    );
    expect(html).toContain("Mail per day over the last 90 days: 5 sent, 2 failed, 1 held.");
    // No style attribute anywhere: the Content-Security-Policy would refuse it.
    expect(html.match(/<[a-z][^>]*\sstyle="[^"]*"[^>]*>/g) ?? []).toEqual([]);

    // Connections ending: 1 within 30 days, 2 within 60 and 90; the list sorted by that end.
    const ending = await expectTestId(page, "dashboard-ending");
    for (const [days, count] of [
      ["30", "1"],
      ["60", "2"],
      ["90", "2"],
    ]) {
      await expect(ending.locator(`tr[data-days="${days}"] [data-count]`).innerText()).resolves.toBe(count);
    }
    await page.getByTestId("ending-link").click();
    await page.waitForURL(
      (url) => url.pathname.endsWith("/mailboxes") && url.searchParams.get("sort") === "expiry",
    );
    expect(new URL(page.url()).searchParams.get("state")).toBe("connected");

    // A school without mail says so, in words.
    const quiet = await seedTenant({ name: "École sans courriel" });
    const quietAdmin = await seedMember(quiet.id, "admin", { password });
    const other = await browser.newPage({ locale: "fr-FR" });
    await signIn(other, quietAdmin.email, password, `/signin?callbackUrl=/t/${quiet.slug}`);
    await expect((await expectTestId(other, "mail-activity-empty")).innerText()).resolves.toBe(
      "Aucun courriel sur cette période.",
    );
    await expect(other.getByTestId("mail-activity-chart").count()).resolves.toBe(0);
    await expect((await expectTestId(other, "ending-none")).innerText()).resolves.toContain(
      "Aucune connexion",
    );
    // Said once: no second card saying that none ends within 14 days either.
    await expect(other.getByTestId("dashboard-dying").count()).resolves.toBe(0);
  });

  it("an operator reads each school's mail for a chosen period and its connections ending", async () => {
    const { tenant } = await seedSchoolWithMail(e2e.db, `Lycée ${Date.now().toString(36)}`);
    const operator = await seedUser({ isOperator: true, password });
    const page = await browser.newPage();
    await signIn(page, operator.email, password, "/signin?callbackUrl=/operator");
    const row = () =>
      page
        .getByTestId("school-activity-table")
        .locator(`[data-testid="school-activity-row"][data-slug="${tenant.slug}"]`);
    const figures = async () => [
      ...(await Promise.all(
        ["sent", "failed", "held"].map((s) => row().locator(`[data-series="${s}"]`).innerText()),
      )),
      ...(await Promise.all(["30", "60", "90"].map((d) => row().locator(`[data-days="${d}"]`).innerText()))),
    ];
    await expect(figures()).resolves.toEqual(["2", "1", "1", "1", "2", "2"]);
    await page.getByTestId("school-activity-range-30d").click();
    await page.waitForURL((url) => url.searchParams.get("range") === "30d");
    await expect.poll(figures).toEqual(["5", "2", "1", "1", "2", "2"]);
    await expect(page.getByTestId("school-activity-range-30d").getAttribute("aria-current")).resolves.toBe(
      "true",
    );
  });

  it("a member sees their mailboxes' states and a Reconnect button for a broken one", async () => {
    const tenant = await seedTenant();
    const member = await seedMember(tenant.id, "member", { password });
    const config = await seedClientConfiguration(tenant.id, { provider: "google" });
    const address = `teacher-${Date.now().toString(36)}@college.test`;
    await seedMailbox(tenant.id, config.id, { address, state: "needs_reconnect", assignedTo: [member.id] });

    const page = await browser.newPage();
    await signIn(page, member.email, password, `/signin?callbackUrl=/t/${tenant.slug}`);
    await expect((await expectTestId(page, "member-overview")).innerText()).resolves.toContain(
      "Must be reconnected",
    );
    await page.goto(`/t/${tenant.slug}/my-mailboxes`);
    await expectTestId(page, `my-mailbox-connect-${address}`);
    // The admin's figures are not theirs.
    const response = await page.request.get(`/api/t/${tenant.slug}/dashboard`);
    expect(response.status()).toBe(404);
  });

  it("an operator sees a school's counts and suspends it: its admin then finds nothing there", async () => {
    const tenant = await seedTenant({ name: `Suspended ${Date.now().toString(36)}` });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedClientConfiguration(tenant.id, { provider: "google" });
    await seedMailbox(tenant.id, config.id, { state: "connected" });
    const operator = await seedUser({ isOperator: true, password });

    const page = await browser.newPage();
    await signIn(page, operator.email, password, "/signin?callbackUrl=/operator");
    const row = (await expectTestId(page, "tenant-table"))
      .getByTestId("tenant-row")
      .filter({ hasText: tenant.slug });
    await expect(row.getByTestId("tenant-mailboxes").innerText()).resolves.toContain("1 connected of 1");
    await expectTestId(page, "platform-health");
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByTestId("tenant-suspend").click();
    await row.getByTestId("tenant-unsuspend").waitFor();
    await expect(e2e.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).resolves.toMatchObject({
      suspendedAt: expect.any(Date),
    });

    const adminPage = await browser.newPage();
    await signIn(adminPage, admin.email, password, "/signin");
    const response = await adminPage.goto(`/t/${tenant.slug}`);
    expect(response?.status()).toBe(404);
  });
});
