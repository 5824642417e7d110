import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeProvidersHandle } from "@/dev/fake-providers";
import { seedConnectedMailbox, seedFakeConfiguration, startOutboxFakes } from "../db/outbox-fixtures";
import { alerts, expectTestId, signIn, useBrowser } from "../support/browser";
import { drainOutbox } from "../support/drain-outbox";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

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
    expect(await drainOutbox({ workerId: "e2e-worker", mailboxId: mailbox.id })).toEqual(["sent"]);
    expect(fakes.control.messages().filter((m) => m.raw.includes(mail.messageId))).toHaveLength(1);

    await page.goto(`/t/${tenant.slug}/outbox`);
    const row = page.locator(`[data-testid="outbox-row"][data-mail-id="${mail.id}"]`);
    await row.waitFor();
    await expect(row.getByTestId("mail-status").getAttribute("data-status")).resolves.toBe("sent");
    await expect(page.getByTestId("outbox-count-sent").innerText()).resolves.toBe("Sent: 1");
    // A search that finds nothing says so (an outbox with no mail at all says what will be there instead).
    await page.goto(`/t/${tenant.slug}/outbox?q=nothing-like-this`);
    await expect((await expectTestId(page, "outbox-empty")).innerText()).resolves.toBe("No mail matches.");
    await page.goto(`/t/${tenant.slug}/outbox`);
    await row.getByRole("link", { name: "Sortie au musée" }).click();
    const attempts = await expectTestId(page, "mail-attempts");
    await expect(attempts.innerText()).resolves.toMatch(/Sent[\s\S]*250/);
  });

  it("compose keeps what was typed while its writer leaves the page (to reconnect), until the mail is queued, and not past sign-out", async () => {
    const tenant = await seedTenant({ name: "Collège Jean Moulin" });
    const teacher = await seedMember(tenant.id, "admin", { password });
    const config = await seedFakeConfiguration(fakes, tenant.id, "google");
    const first = await seedConnectedMailbox(fakes, config, `secretariat-${tenant.slug}@lycee.test`);
    const second = await seedConnectedMailbox(fakes, config, `direction-${tenant.slug}@lycee.test`);
    const page = await browser.newPage();
    await signIn(page, teacher.email, password, `/signin?callbackUrl=/t/${tenant.slug}/compose`);
    await (await expectTestId(page, "compose-form")).waitFor();
    await page.getByTestId("compose-mailbox").selectOption(second.id);
    await page.getByTestId("compose-to").fill("parents-6b@example.org");
    await page.getByTestId("compose-subject").fill("Conseil de classe");
    await page.getByTestId("compose-text").fill("Le conseil de classe a lieu jeudi à 17 h.");
    // A sending time a month ahead, as the field takes it (the school's local time).
    const later = `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T08:30`;
    await page.getByTestId("compose-send-at").fill(later);
    expect(await page.getByTestId("compose-draft-restored").count()).toBe(0);

    // Away (as to the provider's pages and back): everything typed comes back, with a word saying so.
    await page.goto(`/t/${tenant.slug}/mailboxes/${first.id}`);
    await page.goto(`/t/${tenant.slug}/compose?mailbox=${first.id}`);
    await expect((await expectTestId(page, "compose-draft-restored")).innerText()).resolves.toBe(
      "Your draft is back: it was kept in this browser tab while you were away.",
    );
    await expect(page.getByTestId("compose-to").inputValue()).resolves.toBe("parents-6b@example.org");
    await expect(page.getByTestId("compose-subject").inputValue()).resolves.toBe("Conseil de classe");
    await expect(page.getByTestId("compose-text").inputValue()).resolves.toBe(
      "Le conseil de classe a lieu jeudi à 17 h.",
    );
    await expect(page.getByTestId("compose-mailbox").inputValue()).resolves.toBe(second.id);
    await expect(page.getByTestId("compose-send-at").inputValue()).resolves.toBe(later);

    // Queued: the draft is gone, and the next visit starts empty.
    await page.getByTestId("compose-submit").click();
    await page.getByTestId("compose-view").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("compose-draft-restored").count()).toBe(0);
    const queued = await e2e.db.outgoingMail.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(queued).toMatchObject({ mailboxId: second.id, subject: "Conseil de classe" });
    await page.goto(`/t/${tenant.slug}/outbox`);
    await page.goto(`/t/${tenant.slug}/compose`);
    await (await expectTestId(page, "compose-form")).waitFor();
    expect(await page.getByTestId("compose-draft-restored").count()).toBe(0);
    await expect(page.getByTestId("compose-subject").inputValue()).resolves.toBe("");

    // Signing out from the compose page with text typed: nothing is left in this tab for whoever comes next.
    await page.getByTestId("compose-subject").fill("Brouillon personnel");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("relais.compose."))),
    ).toEqual([]);
  });

  it("compose shows each sender's health, warns before queuing from one that cannot send, with the fix, and says what the mail waits for", async () => {
    const tenant = await seedTenant({ name: "Collège Anne Frank" });
    const admin = await seedMember(tenant.id, "admin", { password });
    const config = await seedClientConfiguration(tenant.id, { name: "Microsoft 365", provider: "microsoft" });
    const stamp = Date.now().toString(36);
    const ready = await seedMailbox(tenant.id, config.id, {
      address: `accueil-${stamp}@college.test`,
      state: "connected",
    });
    const broken = await seedMailbox(tenant.id, config.id, {
      address: `direction-${stamp}@college.test`,
      displayName: "Direction",
      state: "needs_reconnect",
    });
    const revoked = await seedMailbox(tenant.id, config.id, {
      address: `cdi-${stamp}@college.test`,
      state: "revoked",
    });
    const page = await browser.newPage();
    await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/compose`);

    // The list says each mailbox's state in a word, first; the one that sends is chosen first.
    const select = await expectTestId(page, "compose-mailbox");
    await expect(select.inputValue()).resolves.toBe(ready.id);
    const options = await select.locator("option").allInnerTexts();
    expect(options).toEqual([
      `Ready — accueil-${stamp}@college.test`,
      `Disconnected — cdi-${stamp}@college.test`,
      `Must be reconnected — Direction <direction-${stamp}@college.test>`,
    ]);
    const health = page.getByTestId("compose-sender-health");
    await expect(health.getAttribute("data-verdict")).resolves.toBe("send");
    await expect(page.getByTestId("compose-sender-health-warning").count()).resolves.toBe(0);

    // The one that must be reconnected: its health line, what a mail would do, and the fixes.
    await select.selectOption(broken.id);
    await expect.poll(() => health.getAttribute("data-verdict")).toBe("hold");
    await expect(page.getByTestId("compose-sender-health-line").innerText()).resolves.toBe(
      "Must be reconnected",
    );
    await expect(page.getByTestId("compose-sender-health-warning").innerText()).resolves.toBe(
      `This mailbox cannot send right now. A mail queued now waits until ${broken.address} is reconnected, then leaves by itself.`,
    );
    const reconnect = page.getByTestId("compose-sender-health-connect");
    await expect(reconnect.innerText()).resolves.toBe("Reconnect");
    const href = new URL((await reconnect.getAttribute("href"))!, "http://relais.test");
    expect(href.pathname).toBe("/api/oauth/authorize");
    expect(Object.fromEntries(href.searchParams)).toEqual({
      tenant: tenant.slug,
      mailbox: broken.id,
      returnTo: `/t/${tenant.slug}/compose?mailbox=${broken.id}`,
    });
    await expect(health.getByTestId("mailbox-send-link").innerText()).resolves.toBe("Send a reconnect link");
    await expect(page.getByTestId("compose-sender-health-mailbox").getAttribute("href")).resolves.toBe(
      `/t/${tenant.slug}/mailboxes/${broken.id}#health`,
    );
    await expect(page.getByTestId("compose-submit").getAttribute("aria-describedby")).resolves.toBe(
      "compose-sender-warning",
    );

    // Queued anyway: held, and the answer says until what, not in green.
    await page.getByTestId("compose-to").fill("parents@example.org");
    await page.getByTestId("compose-subject").fill("Réunion");
    await page.getByTestId("compose-text").fill("Mardi à 18 h.");
    await page.getByTestId("compose-submit").click();
    const answer = page.getByTestId("compose-result");
    await answer.filter({ hasText: "queued but held" }).waitFor({ timeout: 15_000 });
    await expect(answer.getAttribute("data-kind")).resolves.toBe("warning");
    await expect(answer.innerText()).resolves.toBe(
      `The mail is queued but held: it waits until ${broken.address} is reconnected, then leaves by itself.`,
    );
    expect(
      await e2e.db.outgoingMail.findMany({ where: { mailboxId: broken.id }, select: { status: true } }),
    ).toEqual([{ status: "held" }]);

    // A revoked one: said before, and refused with nothing queued.
    await select.selectOption(revoked.id);
    await expect.poll(() => health.getAttribute("data-verdict")).toBe("refuse");
    await expect(page.getByTestId("compose-sender-health-warning").innerText()).resolves.toContain(
      "a mail from it would be refused",
    );
    await expect(page.getByTestId("compose-sender-health-connect").innerText()).resolves.toBe("Connect");
    await page.getByTestId("compose-to").fill("parents@example.org");
    await page.getByTestId("compose-subject").fill("Réunion");
    await page.getByTestId("compose-text").fill("Mardi à 18 h.");
    await page.getByTestId("compose-submit").click();
    await expect((await expectTestId(page, "compose-error-mailboxId")).innerText()).resolves.toBe(
      "This mailbox is disconnected: connect it again, or choose another one.",
    );
    await expect(alerts(page).filter({ hasText: "Nothing was queued." }).count()).resolves.toBe(1);
    expect(await e2e.db.outgoingMail.count({ where: { mailboxId: revoked.id } })).toBe(0);

    // The test mail on the mailbox's page warns first, with the fix, and queues only when confirmed.
    await page.goto(`/t/${tenant.slug}/mailboxes/${broken.id}`);
    await (await expectTestId(page, "send-test-mail")).click();
    const warning = await expectTestId(page, "send-test-mail-warning");
    await expect(warning.innerText()).resolves.toContain(
      `A mail queued now waits until ${broken.address} is reconnected`,
    );
    await expect(page.getByTestId("send-test-mail-fix").innerText()).resolves.toBe("Reconnect");
    expect(await e2e.db.outgoingMail.count({ where: { mailboxId: broken.id } })).toBe(1);
    await page.getByTestId("send-test-mail-anyway").click();
    const result = page.getByTestId("send-test-mail-result");
    await result.filter({ hasText: "queued but held" }).waitFor({ timeout: 15_000 });
    await expect(result.getAttribute("data-kind")).resolves.toBe("warning");
    expect(await e2e.db.outgoingMail.count({ where: { mailboxId: broken.id, status: "held" } })).toBe(2);

    // In French, the same warning in French words.
    const french = await browser.newPage({ locale: "fr-FR" });
    await signIn(
      french,
      admin.email,
      password,
      `/signin?callbackUrl=${encodeURIComponent(`/t/${tenant.slug}/compose?mailbox=${broken.id}`)}`,
    );
    await expect((await expectTestId(french, "compose-sender-health-warning")).innerText()).resolves.toBe(
      `Cette boîte ne peut pas envoyer pour l’instant. Un message mis en file maintenant attend que ${broken.address} soit reconnectée, puis part de lui-même.`,
    );
  });
});
