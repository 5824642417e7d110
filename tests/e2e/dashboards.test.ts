import { describe, expect, it } from "vitest";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant, seedUser } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

const password = "correct horse battery staple";

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
