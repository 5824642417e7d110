import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { purgeMailBodies } from "@/lib/outbox/purge-mail-bodies";
import type { PersonalDataExport } from "@/lib/people/export-personal-data";
import { alerts, expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";
import { seedClientConfiguration, seedMailbox } from "../support/seed-mailboxes";

const password = "correct horse battery staple";
const DAY = 86_400_000;

const axeSource = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"),
  "utf8",
);

/** axe-core finds no serious or critical violation on the page as it is (as tests/e2e/accessibility.test.ts). */
async function expectAccessible(page: Page, what: string) {
  await page.waitForLoadState("networkidle");
  await page.addScriptTag({ content: axeSource });
  const grave = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} ${JSON.stringify(v.nodes)}`);
  });
  expect(grave, what).toEqual([]);
}

/** At a phone's width the page does not scroll sideways (tables scroll inside their own box). */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is ${width} px wide`).toBeLessThanOrEqual(390);
}

/** A school with an admin, a member, a mailbox, and a failed mail of the member's from ten days ago. */
async function school(db: Db, language: string) {
  const tenant = await seedTenant({ name: language === "fr" ? "Collège Jean Moulin" : "Hillside School" });
  const admin = await seedMember(tenant.id, "admin", { password });
  const member = await seedMember(tenant.id, "member", { password, name: "Ada Lovelace" });
  const config = await seedClientConfiguration(tenant.id, { provider: "microsoft" });
  const mailbox = await seedMailbox(tenant.id, config.id, {
    address: `office-${tenant.slug}@college.test`,
    state: "connected",
    assignedTo: [member.id],
  });
  const mail = await db.outgoingMail.create({
    data: {
      tenantId: tenant.id,
      mailboxId: mailbox.id,
      createdById: member.id,
      messageId: `<${randomUUID()}@college.test>`,
      source: "portal",
      to: ["parent-of-a-very-long-address-name@families.example.org"],
      subject: "Report card of Lucas",
      text: "Lucas has 12/20 in maths.",
      sizeBytes: 120,
      recipientCount: 1,
      status: "failed",
      lastError: "permanent: 550 5.1.1 no such user",
    },
  });
  const finished = new Date(Date.now() - 10 * DAY).toISOString();
  await db.$executeRaw`UPDATE "OutgoingMail" SET "updatedAt" = ${finished}::timestamptz AT TIME ZONE 'UTC' WHERE id = ${mail.id}::uuid`;
  return { tenant, admin, member, mail };
}

describe.skipIf(!browserTestsRun)("retention and personal data pages in a browser", () => {
  // Each language's walk through four pages, with axe on three, takes a while on a busy machine.
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  for (const language of ["en", "fr"] as const) {
    it(`an admin sets the retention period, sees deleted content in the outbox, exports and erases a member (${language})`, async () => {
      const { tenant, admin, member, mail } = await school(e2e.db, language);
      const text =
        language === "en"
          ? {
              range: "Enter a whole number of days from 1 to 3650.",
              saved: "Mail content is now deleted 7 days after sending.",
              deleted: "Content deleted",
              deletedAfter: "deleted after 7 days",
              erased: "was erased",
              settings: "Settings",
            }
          : {
              range: "Saisissez un nombre entier de jours, de 1 à 3650.",
              saved: "Le contenu des e-mails est désormais supprimé 7 jours après l’envoi.",
              deleted: "Contenu supprimé",
              deletedAfter: "supprimés au bout de 7 jours",
              erased: "sont effacées",
              settings: "Réglages",
            };
      const page = await browser.newPage({ locale: language === "en" ? "en-GB" : "fr-FR" });
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, admin.email, password, `/signin?callbackUrl=/t/${tenant.slug}/settings`);

      // The settings page, reachable from the navigation (in the header's menu on a phone).
      await expectTestId(page, "retention-form");
      await page.getByTestId("header-menu-button").click();
      await expect(
        page.getByRole("navigation").getByRole("link", { name: text.settings }).count(),
      ).resolves.toBe(1);
      await expect(page.getByTestId("retention-days").inputValue()).resolves.toBe("30");
      await expectNoSidewaysScroll(page, `settings (${language})`);
      await expectAccessible(page, `settings (${language})`);
      await page.getByTestId("retention-days").fill("0");
      await page.getByTestId("retention-save").click();
      await expect((await expectTestId(page, "retention-error")).innerText()).resolves.toBe(text.range);
      await expectNoSidewaysScroll(page, `settings with an error (${language})`);
      await page.getByTestId("retention-days").fill("7");
      await page.getByTestId("retention-save").click();
      await page.getByText(text.saved).waitFor();
      await expect(alerts(page).count()).resolves.toBe(0);
      const saved = await e2e.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
      expect(saved.mailBodyRetentionDays).toBe(7);

      // The workers' chore (run here, on the server's database) deletes the ten-day-old mail's content.
      await purgeMailBodies();
      await page.goto(`/t/${tenant.slug}/outbox`);
      await expect((await expectTestId(page, "outbox-content-deleted")).innerText()).resolves.toBe(
        text.deleted,
      );
      await expectNoSidewaysScroll(page, `outbox (${language})`);
      await page.goto(`/t/${tenant.slug}/outbox/${mail.id}`);
      await expect((await expectTestId(page, "mail-subject")).innerText()).resolves.toBe(text.deleted);
      await expect(page.getByTestId("mail-content").innerText()).resolves.toContain(text.deletedAfter);
      await expect(page.locator("body").innerText()).resolves.not.toContain("Report card of Lucas");
      await expectNoSidewaysScroll(page, `mail detail (${language})`);
      await expectAccessible(page, `mail detail (${language})`);

      // The members page: export a member's data (a JSON file), then erase it.
      await page.goto(`/t/${tenant.slug}/members`);
      const row = page.getByTestId(`member-row-${member.email}`);
      await row.waitFor();
      await expectNoSidewaysScroll(page, `members (${language})`);
      await expectAccessible(page, `members (${language})`);
      if (language === "en") {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          row.getByTestId("member-export").click(),
        ]);
        const data = JSON.parse(await readFile((await download.path())!, "utf8")) as PersonalDataExport;
        expect(data).toMatchObject({ email: member.email, account: { name: "Ada Lovelace" } });
        expect(data.mailQueued).toMatchObject([{ id: mail.id, subject: null }]);
      }
      await row.getByTestId("member-erase").click();
      await expectTestId(page, "erase-confirm");
      await expectNoSidewaysScroll(page, `members, confirming an erasure (${language})`);
      await page.getByTestId("erase-confirm").click();
      await expect((await expectTestId(page, "members-result")).innerText()).resolves.toContain(text.erased);
      await expect(page.getByTestId(`member-row-${member.email}`).count()).resolves.toBe(0);
      await expectNoSidewaysScroll(page, `members after an erasure (${language})`);
      expect(await e2e.db.membership.count({ where: { tenantId: tenant.id, userId: member.id } })).toBe(0);
      const entry = await e2e.db.auditEntry.findFirstOrThrow({
        where: { tenantId: tenant.id, action: "member.erased" },
      });
      expect(entry.targetLabel).toMatch(/^erased user [0-9a-f]{8}$/);

      // The captured-mail page (sign-in links, invitations) at a phone's width.
      await page.goto("/dev/mail");
      await page.locator("h1").waitFor();
      await expectNoSidewaysScroll(page, `captured mail (${language})`);
      await page.context().close();
    }, 120_000);
  }
});
