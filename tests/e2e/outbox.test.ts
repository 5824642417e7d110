import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeProvidersHandle } from "@/lib/fake-providers";
import { claimDueMail } from "@/lib/worker/claim-due-mail";
import { sendClaimedMail } from "@/lib/worker/send-claimed-mail";
import { SmtpConnections } from "@/lib/worker/smtp-connections";
import { seedConnectedMailbox, seedFakeConfiguration, startOutboxFakes } from "../db/outbox-fixtures";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";

const password = "correct horse battery staple";

describe.skipIf(!browserTestsRun)("the outbox in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();
  let fakes: FakeProvidersHandle;
  beforeAll(async () => {
    fakes = await startOutboxFakes();
  });
  afterAll(async () => {
    await fakes?.close();
  });

  it("a mail written on the compose page is sent and shows as sent with the server's answer", async () => {
    const tenant = await seedTenant({ name: "Lycée Victor Hugo" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const mailbox = await seedConnectedMailbox(fakes, config, `vie-scolaire-${tenant.slug}@lycee.test`);
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/compose`);

    await (await expectTestId(page, "compose-form")).waitFor();
    await page.getByTestId("compose-to").fill("famille.martin@example.org, not an address");
    await page.getByTestId("compose-subject").fill("Sortie au musée");
    await page.getByTestId("compose-text").fill("La sortie a lieu vendredi.");
    await page.getByTestId("compose-submit").click();
    await expectTestId(page, "compose-error-to");
    expect(await e2e.db.outgoingMail.count({ where: { tenantId: tenant.id } })).toBe(0);

    await page.getByTestId("compose-to").fill("famille.martin@example.org");
    await page.getByTestId("compose-submit").click();
    await page.getByTestId("compose-view").waitFor({ timeout: 15_000 });
    const mail = await e2e.db.outgoingMail.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(mail).toMatchObject({
      status: "queued",
      mailboxId: mailbox.id,
      to: ["famille.martin@example.org"],
    });

    // The worker runs in this process, against the server's database and the fake SMTP server.
    const connections = new SmtpConnections();
    const claimed = await claimDueMail({ workerId: "e2e-worker", limit: 10, leaseMs: 60_000 });
    await sendClaimedMail(claimed, { workerId: "e2e-worker", connections });
    connections.closeAll();
    expect(fakes.control.messages().filter((m) => m.raw.includes(mail.messageId))).toHaveLength(1);

    await page.goto(`/t/${tenant.slug}/outbox`);
    const row = page.locator(`[data-testid="outbox-row"][data-mail-id="${mail.id}"]`);
    await row.waitFor();
    await expect(row.getByTestId("mail-status").getAttribute("data-status")).resolves.toBe("sent");
    await expect(page.getByTestId("outbox-count-sent").innerText()).resolves.toContain("1");
    await row.getByRole("link", { name: "Sortie au musée" }).click();
    const attempts = await expectTestId(page, "mail-attempts");
    await expect(attempts.innerText()).resolves.toMatch(/Sent[\s\S]*250/);
  });
});
