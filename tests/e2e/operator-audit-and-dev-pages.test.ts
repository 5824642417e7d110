import { describe, expect, it } from "vitest";
import { sendPlatformMail } from "@/lib/mail/send-platform-mail";
import { alerts, expectTestId, signIn, useBrowser } from "../support/browser";
import { capturedMailTo, useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { seedMember, seedTenant, seedUser } from "../support/factories";
import { seedAuditEntry } from "../support/seed-audit";

const password = "correct horse battery staple";

describe.skipIf(!browserTestsRun)("operator page, audit log, health and captured mail in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("lets an operator create a school with its language and time zone, and refuses a taken short name keeping what was typed", async () => {
    const operator = await seedUser({ isOperator: true, password });
    const slug = `e2e-${Date.now().toString(36)}`;
    const page = await browser.newPage();
    await signIn(page, operator.email, password, "/signin?callbackUrl=/operator");
    const form = await expectTestId(page, "create-tenant-form");
    await form.getByLabel("Name", { exact: true }).fill("Lycée de Test");
    await form.getByLabel("Short name").fill(slug);
    // French and Paris unless the operator says otherwise.
    await expect(form.getByTestId("create-tenant-locale").inputValue()).resolves.toBe("fr");
    await expect(form.getByTestId("create-tenant-time-zone").inputValue()).resolves.toBe("Europe/Paris");
    await form.getByTestId("create-tenant-locale").selectOption("en");
    await form.getByTestId("create-tenant-time-zone").selectOption("America/Toronto");
    await page.getByTestId("create-tenant-submit").click();
    await expect(form.getByRole("status").innerText()).resolves.toContain(
      "The school Lycée de Test was created.",
    );
    const row = page.getByTestId("tenant-row").filter({ hasText: slug });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain("Lycée de Test");
    const created = await e2e.db.tenant.findUniqueOrThrow({ where: { slug } });
    expect(created).toMatchObject({ name: "Lycée de Test", locale: "en", timeZone: "America/Toronto" });

    // Nobody manages it yet: its row says so, with the invitation form open.
    await expect(row.getByTestId("tenant-no-admin").innerText()).resolves.toBe("No administrator yet");
    const since = new Date();
    const firstAdmin = `first-admin-${slug}@lycee.test`;
    await row.getByTestId("invite-admin-email").fill(firstAdmin);
    await row.getByTestId("invite-admin-submit").click();
    const sent = row.getByTestId("invite-admin-result").filter({ hasText: "Invitation sent" });
    await sent.waitFor();
    await expect(sent.innerText()).resolves.toBe(
      `Invitation sent to ${firstAdmin}. They become an administrator of Lycée de Test when they accept it.`,
    );
    const invitation = await e2e.db.invitation.findFirstOrThrow({ where: { tenantId: created.id } });
    expect(invitation).toMatchObject({ email: firstAdmin, role: "admin", invitedById: operator.id });
    const audit = await e2e.db.auditEntry.findFirstOrThrow({
      where: { tenantId: created.id, action: "member.invited" },
    });
    expect(audit).toMatchObject({ actorId: operator.id, targetLabel: firstAdmin });
    // In the school's language (English here), with the link to accept.
    const mail = await capturedMailTo(e2e.db, firstAdmin, since);
    expect(mail.subject).toContain("Lycée de Test");
    expect(mail.text).toContain("/invitations/");

    await form.getByLabel("Name", { exact: true }).fill("Second");
    await form.getByLabel("Short name").fill(slug);
    await form.getByTestId("create-tenant-time-zone").selectOption("Asia/Tokyo");
    await page.getByTestId("create-tenant-submit").click();
    await expect(alerts(page).first().innerText()).resolves.toBe(`The short name ${slug} is already taken.`);
    await expect(form.getByLabel("Name", { exact: true }).inputValue()).resolves.toBe("Second");
    await expect(form.getByTestId("create-tenant-time-zone").inputValue()).resolves.toBe("Asia/Tokyo");
    expect(await e2e.db.tenant.count({ where: { slug } })).toBe(1);
  });

  it("shows the operator page to operators only", async () => {
    const tenant = await seedTenant();
    const admin = await seedMember(tenant.id, "admin", { password });
    const page = await browser.newPage();
    await signIn(page, admin.email, password);
    await page.goto("/operator");
    await expectTestId(page, "not-found");
  });

  it("shows a tenant admin their log, filtered, and exports it; a member gets nothing", async () => {
    const tenant = await seedTenant({ name: "Collège Audit" });
    const other = await seedTenant();
    const admin = await seedMember(tenant.id, "admin", { password });
    const member = await seedMember(tenant.id, "member", { password });
    await seedAuditEntry(tenant.id, {
      action: "member.invited",
      actorLabel: "alice@school.test",
      targetLabel: "=1+1",
    });
    await seedAuditEntry(tenant.id, { action: "member.removed", actorLabel: "bob@school.test" });
    await seedAuditEntry(other.id, { action: "member.removed", targetLabel: "other-school-secret" });

    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/audit`);
    await expectTestId(page, "audit-table");
    await expect(page.getByTestId("audit-row").count()).resolves.toBe(2);
    await expect(page.innerText("body")).resolves.not.toContain("other-school-secret");
    await expect(page.getByTestId("audit-row").first().innerText()).resolves.toContain("Member removed");

    await page.getByTestId("filter-actor").fill("alice");
    await page.getByTestId("filter-apply").click();
    await page.waitForURL((url) => url.searchParams.get("actor") === "alice");
    await expect(page.getByTestId("audit-row").count()).resolves.toBe(1);
    await expect(page.getByTestId("audit-row").innerText()).resolves.toContain("Member invited");

    const href = await page.getByTestId("audit-export").getAttribute("href");
    expect(href).toBe(`/t/${tenant.slug}/audit/export?actor=alice`);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const text = await csv.text();
    expect(text).toContain(",'=1+1,");
    expect(text).not.toContain("bob@school.test");

    const memberPage = await browser.newPage();
    await signIn(memberPage, member.email, password);
    await memberPage.goto(`/t/${tenant.slug}/audit`);
    await expectTestId(memberPage, "not-found");
    expect((await memberPage.request.get(`/t/${tenant.slug}/audit/export`)).status()).toBe(404);
    const signedOut = await browser.newPage();
    expect((await signedOut.request.get(`/t/${tenant.slug}/audit/export`)).status()).toBe(401);
  });

  it("answers /api/health and shows captured mail with clickable links", async () => {
    const health = await fetch(`${e2eBaseUrl()}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      database: { kind: "postgresql", reachable: true },
    });

    // The server captures a sign-in link; its page opens it (the table holds it encrypted).
    const reader = await seedUser();
    const page = await browser.newPage();
    await page.goto("/signin");
    const requestForm = page.getByTestId("link-request-form");
    await requestForm.locator('input[name="email"]').fill(reader.email);
    await page.getByTestId("link-request-submit").click();
    await requestForm.getByRole("status").waitFor();
    await page.goto(`/dev/mail?to=${encodeURIComponent(reader.email)}`);
    const mail = await expectTestId(page, "captured-mail");
    await expect(mail.getByTestId("mail-subject").innerText()).resolves.toBe("Your Relais sign-in link");
    // Outside any school: the platform's zone, named.
    await expect(mail.innerText()).resolves.toContain("Captured (Europe/Paris time)");
    await expect(mail.getByTestId("mail-link").getAttribute("href")).resolves.toMatch(
      new RegExp(`^${e2eBaseUrl()}/signin/link\\?token=[\\w-]+$`),
    );

    // Mail captured by another process with another key (this test's) is listed, but not opened.
    const to = `reader-${Date.now()}@school.test`;
    await sendPlatformMail({ to, subject: "Your link", text: `Open ${e2eBaseUrl()}/signin to continue.` });
    await page.goto(`/dev/mail?to=${encodeURIComponent(to)}`);
    const foreign = await expectTestId(page, "captured-mail");
    await expect(foreign.getByTestId("mail-subject").innerText()).resolves.toBe("Your link");
    await expect(foreign.getByTestId("mail-unreadable").innerText()).resolves.toContain(
      "cannot be opened here",
    );
  });
});
