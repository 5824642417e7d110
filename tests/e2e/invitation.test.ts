import { describe, expect, it } from "vitest";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { capturedMailTo, linkIn, useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun, e2eBaseUrl } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";

const adminPassword = "correct horse battery staple";

describe.skipIf(!browserTestsRun)("inviting a person in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  it("invites by mail; the invitee joins with a password, once", async () => {
    const tenant = await seedTenant({ name: "Lycée Marie Curie" });
    const admin = await seedMember(tenant.id, "admin", { password: adminPassword });
    const invitee = `new-teacher-${Date.now()}@school.test`;

    const adminPage = await browser.newPage();
    await signIn(adminPage, admin.email, adminPassword, `/signin?callbackUrl=/t/${tenant.slug}/members`);
    await expectTestId(adminPage, "invite-form");
    const since = new Date();
    await adminPage.getByTestId("invite-email").fill(invitee);
    await adminPage.getByTestId("invite-role").selectOption("member");
    await adminPage.getByTestId("invite-submit").click();

    const mail = await capturedMailTo(e2e.db, invitee, since);
    const link = linkIn(mail.text, e2eBaseUrl());
    const invitation = await e2e.db.invitation.findFirstOrThrow({
      where: { tenantId: tenant.id, email: invitee },
    });
    expect(invitation.role).toBe("member");
    expect(invitation.acceptedAt).toBeNull();
    // Only the hash is stored: the link's token must not be readable from the table.
    expect(link).not.toContain(invitation.tokenHash);

    const inviteePage = await browser.newPage();
    await inviteePage.goto(link);
    await (await expectTestId(inviteePage, "accept-name")).fill("Nouvelle Enseignante");
    await inviteePage.getByTestId("accept-password").fill("a long new password");
    await inviteePage.getByTestId("accept-password-confirmation").fill("a long new password");
    await inviteePage.getByTestId("accept-submit").click();
    await inviteePage.waitForURL((url) => url.pathname === `/t/${tenant.slug}`, { timeout: 20_000 });
    await expect((await expectTestId(inviteePage, "tenant-name")).innerText()).resolves.toBe(tenant.name);

    const joined = await e2e.db.user.findUniqueOrThrow({
      where: { email: invitee },
      include: { memberships: true },
    });
    expect(joined.name).toBe("Nouvelle Enseignante");
    expect(joined.passwordHash).not.toBeNull();
    expect(joined.memberships.map((m) => [m.tenantId, m.role])).toEqual([[tenant.id, "member"]]);
    const accepted = await e2e.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(accepted.acceptedAt).not.toBeNull();

    await adminPage.reload();
    const table = await expectTestId(adminPage, "members-table");
    await expect(table.getByTestId(`member-row-${invitee}`).count()).resolves.toBe(1);

    const reuse = await browser.newPage();
    await reuse.goto(link);
    const state = await expectTestId(reuse, "invitation-state");
    await expect(state.getAttribute("data-state")).resolves.toBe("used");
    await expect(reuse.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(
      "This invitation has already been used.",
    );
    await expect(reuse.getByTestId("accept-form").count()).resolves.toBe(0);
  });
});
