import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRelayCredential } from "@/lib/relay-credentials/create-relay-credential";
import { alerts, expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { contextFor, seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";
import { seedRelayedMail, seedRelayEvent } from "../support/seed-relay";

const password = "correct horse battery staple";
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function schoolWithMailboxes() {
  const tenant = await seedTenant({ name: "Collège Jean Moulin" });
  const admin = await seedMember(tenant.id, "admin", { password });
  const member = await seedMember(tenant.id, "member", { password });
  const config = await seedClientConfiguration(tenant.id, { provider: "microsoft" });
  const scans = await seedMailbox(tenant.id, config.id, {
    address: `scans-${tenant.slug}@college.test`,
    state: "connected",
    assignedTo: [member.id],
  });
  const office = await seedMailbox(tenant.id, config.id, {
    address: `office-${tenant.slug}@college.test`,
    state: "needs_reconnect",
  });
  return { tenant, admin, member, scans, office };
}

describe.skipIf(!browserTestsRun)("the SMTP relay pages in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("an admin creates a credential, sees its password once, opens it and revokes it", async () => {
    const { tenant, admin, scans } = await schoolWithMailboxes();
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/relay`);
    await expectTestId(page, "relay-settings");
    await expect(
      page.getByRole("navigation").getByRole("link", { name: "SMTP relay" }).count(),
    ).resolves.toBe(1);
    await expectTestId(page, "relay-empty");

    // Refused: a fixed sender with no mailbox chosen. Nothing is created.
    await page.getByTestId("relay-name").fill("Copier, staff room");
    await page.getByTestId("relay-policy-fixed_keep_name").check();
    await page.getByTestId("relay-networks").fill("192.168.10.0/24 not-a-network");
    await page.getByTestId("relay-create").click();
    await alerts(page).first().waitFor();
    await expect(alerts(page).allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([
        "Choose at least one of this school's mailboxes.",
        expect.stringContaining("Write networks as"),
      ]),
    );
    expect(await e2e.db.relayCredential.count({ where: { tenantId: tenant.id } })).toBe(0);

    await page.getByTestId(`relay-mailbox-${scans.address}`).check();
    await page.getByTestId("relay-networks").fill("192.168.10.0/24");
    await page.getByTestId("relay-daily-cap").fill("200");
    await page.getByTestId("relay-create").click();
    const username = await (await expectTestId(page, "relay-username")).innerText();
    const secret = await page.getByTestId("relay-password").innerText();
    expect(username).toMatch(/^relay-[a-z0-9]{10}$/);
    expect(secret).toHaveLength(25);
    await expect(page.getByTestId("relay-created").innerText()).resolves.toContain(
      "Copy the password now: it will not be shown again.",
    );
    const sheet = page.getByTestId("relay-connection-sheet");
    await expect(sheet.getByTestId("relay-sheet-username").innerText()).resolves.toBe(username);
    await expect(sheet.getByTestId("relay-sheet-password").innerText()).resolves.toBe(secret);
    await expect(sheet.getByTestId("relay-sheet-from").innerText()).resolves.toContain(scans.address);
    await expect(sheet.getByTestId("relay-print").isVisible()).resolves.toBe(true);

    const row = await e2e.db.relayCredential.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(row).toMatchObject({
      name: "Copier, staff room",
      username,
      passwordHash: sha256(secret),
      fromPolicy: "fixed_keep_name",
      allowedNetworks: ["192.168.10.0/24"],
      dailyCap: 200,
    });

    // In the list at once; the password is gone once the page is loaded again.
    const listed = page.locator(`[data-testid="relay-row"][data-credential-id="${row.id}"]`);
    await listed.waitFor();
    await expect(listed.innerText()).resolves.toContain(username);
    await page.reload();
    await listed.waitFor();
    await expect(listed.getByTestId("relay-state").innerText()).resolves.toBe("Active");
    await expect(listed.innerText()).resolves.toContain(scans.address);
    expect(await page.content()).not.toContain(secret);

    // What the relay recorded, in words a technician acts on.
    await seedRelayEvent(tenant.id, row.id, {
      kind: "refusal",
      code: 535,
      reason: "bad_password",
      clientIp: "192.168.10.40",
      createdAt: new Date(Date.now() - 60_000),
    });
    await seedRelayEvent(tenant.id, row.id, {
      kind: "refusal",
      code: 451,
      reason: "some_new_reason",
      detail: "odd@example.org",
    });
    await seedRelayEvent(tenant.id, row.id, {
      kind: "session",
      messages: 4,
      refusals: 1,
      startedAt: new Date(Date.now() - 120_000),
      clientIp: "192.168.10.40",
    });
    await listed.getByRole("link", { name: "Copier, staff room" }).click();
    await expect((await expectTestId(page, "relay-detail-name")).innerText()).resolves.toBe(
      "Copier, staff room",
    );
    await expect(page.getByTestId("relay-detail-username").innerText()).resolves.toBe(username);
    await expect(page.getByTestId("relay-detail-policy").innerText()).resolves.toContain(
      "Always the one mailbox, keeping the device's name",
    );
    await expect(page.getByTestId("relay-detail-networks").innerText()).resolves.toBe("192.168.10.0/24");
    await expect(page.getByTestId("relay-detail-cap").innerText()).resolves.toBe("200 mails per day");
    const mailboxState = page.getByTestId("relay-detail-mailboxes").locator("[data-state]");
    await expect(mailboxState.getAttribute("data-state")).resolves.toBe("connected");
    const refusal = page.locator('[data-testid="relay-refusal-row"][data-reason="bad_password"]');
    await expect(refusal.innerText()).resolves.toMatch(
      /Wrong password for this user name[\s\S]*535[\s\S]*192\.168\.10\.40/,
    );
    await expect(
      page.locator('[data-testid="relay-refusal-row"][data-reason="some_new_reason"]').innerText(),
    ).resolves.toMatch(/Refused \(some_new_reason\)[\s\S]*451[\s\S]*odd@example\.org/);
    await expect(page.getByTestId("relay-session-row").innerText()).resolves.toMatch(
      /192\.168\.10\.40\s+4\s+1/,
    );

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId(`relay-revoke-${row.id}`).click();
    await page.getByTestId("relay-detail-state").getByText("Revoked on").waitFor();
    const revoked = await e2e.db.relayCredential.findUniqueOrThrow({ where: { id: row.id } });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const audit = await e2e.db.auditEntry.findMany({
      where: { tenantId: tenant.id, targetId: row.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual([
      { action: "relay_credential.created", actorId: admin.id },
      { action: "relay_credential.revoked", actorId: admin.id },
    ]);
    await page.goto(`/t/${tenant.slug}/relay`);
    await expect(listed.getByTestId("relay-state").innerText()).resolves.toBe("Revoked");
    await expect(listed.getByTestId(`relay-revoke-${row.id}`).count()).resolves.toBe(0);
  });

  it("the outbox filters by credential and shows where relayed mail came from", async () => {
    const { tenant, admin, member, scans, office } = await schoolWithMailboxes();
    const ctx = await contextFor(admin, tenant, "relay.write");
    const copier = await createRelayCredential(ctx, {
      name: "Copier",
      mailboxIds: [scans.id],
      fromPolicy: "as_sent",
      allowedNetworks: [],
      dailyCap: null,
    });
    const timetable = await createRelayCredential(ctx, {
      name: "Timetable",
      mailboxIds: [office.id],
      fromPolicy: "as_sent",
      allowedNetworks: [],
      dailyCap: null,
    });
    const scanned = await seedRelayedMail(tenant.id, scans.id, copier.id, {
      subject: "Scanned document",
      clientIp: "192.168.10.21",
    });
    const schedule = await seedRelayedMail(tenant.id, office.id, timetable.id, { subject: "New timetable" });
    const written = await seedRelayedMail(tenant.id, scans.id, null, { subject: "Written in the portal" });

    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/outbox`);
    await expectTestId(page, "outbox-table");
    await expect(page.getByTestId("outbox-row").count()).resolves.toBe(3);
    await page.getByTestId("outbox-filter-credential").selectOption({ label: "Copier" });
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((url) => url.searchParams.get("credential") === copier.id);
    const rows = page.getByTestId("outbox-row");
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getAttribute("data-mail-id")).resolves.toBe(scanned.id);
    const source = rows.first().getByTestId("outbox-source");
    await expect(source.getAttribute("data-source")).resolves.toBe("relay");
    await expect(source.innerText()).resolves.toMatch(/SMTP relay\s+Copier\s+192\.168\.10\.21/);

    // From the credential's page, its link lands on the same filter.
    await page.goto(`/t/${tenant.slug}/relay/${timetable.id}`);
    await (await expectTestId(page, "relay-outbox-link")).click();
    await page.waitForURL((url) => url.searchParams.get("credential") === timetable.id);
    await expect(page.getByTestId("outbox-row").count()).resolves.toBe(1);
    await expect(page.getByTestId("outbox-row").first().getAttribute("data-mail-id")).resolves.toBe(
      schedule.id,
    );

    await page.goto(`/t/${tenant.slug}/outbox/${scanned.id}`);
    await expect((await expectTestId(page, "mail-source")).innerText()).resolves.toBe("SMTP relay");
    await expect(page.getByTestId("mail-relay-credential").innerText()).resolves.toBe("Copier");
    await expect(page.getByTestId("mail-client-ip").innerText()).resolves.toBe("192.168.10.21");
    await page.goto(`/t/${tenant.slug}/outbox/${written.id}`);
    await expect((await expectTestId(page, "mail-source")).innerText()).resolves.toBe("Portal");
    await expect(page.getByTestId("mail-relay-credential").count()).resolves.toBe(0);

    // A member sees where their mailbox's mail came from, without the filter or the relay pages, in French.
    const memberPage = await browser.newPage({ locale: "fr-FR" });
    await signIn(memberPage, member.email, password, `/signin?callbackUrl=/t/${tenant.slug}/outbox`);
    await expectTestId(memberPage, "outbox-table");
    await expect(memberPage.getByTestId("outbox-filter-credential").count()).resolves.toBe(0);
    await expect(memberPage.getByRole("link", { name: "Relais SMTP" }).count()).resolves.toBe(0);
    const memberRows = memberPage.getByTestId("outbox-row");
    await expect(memberRows.count()).resolves.toBe(2);
    await expect(
      memberPage.locator(`[data-mail-id="${scanned.id}"]`).getByTestId("outbox-source").innerText(),
    ).resolves.toMatch(/Relais SMTP\s+Copier/);
    await memberPage.goto(`/t/${tenant.slug}/relay`);
    await expectTestId(memberPage, "not-found");
    await memberPage.goto(`/t/${tenant.slug}/relay/${copier.id}`);
    await expectTestId(memberPage, "not-found");
  });
});
