import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";
import { seedAuditEntry } from "../support/seed-audit";

const password = "correct horse battery staple";
// Chromium writes no-break spaces in dates ("12:30 AM"); the assertions compare words.
const plain = (text: string) => text.replace(/\s+/g, " ");

// What React says when the server's and the browser's renderings differ (a production build
// says it by number: https://react.dev/errors/418).
const hydrationMismatch = /hydrat|react\.dev\/errors\/4(18|19|23|25)\b|error #4(18|19|23|25)\b/i;

/** Collects React's complaints that the server's and the browser's renderings differ. */
function hydrationErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && hydrationMismatch.test(message.text())) seen.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (hydrationMismatch.test(error.message)) seen.push(error.message);
  });
  return seen;
}

async function tenantName(page: Page) {
  return (await expectTestId(page, "tenant-name")).innerText();
}

describe.skipIf(!browserTestsRun)("tenants and languages in a browser", () => {
  const e2e = useE2eDatabase();
  const browser = useBrowser();

  /** A district admin in two schools. */
  async function seedTwoTenants() {
    const first = await seedTenant({ name: "Lycée Victor Hugo" });
    const second = await seedTenant({ name: "École Jules Ferry" });
    const person = await seedMember(first.id, "admin", { password });
    await e2e.db.membership.create({ data: { tenantId: second.id, userId: person.id, role: "member" } });
    return { first, second, person };
  }

  it("switches to the person's other tenant with the tenant switcher", async () => {
    const { first, second, person } = await seedTwoTenants();
    const page = await browser.newPage();
    await signIn(page, person.email, password, `/signin?callbackUrl=/t/${first.slug}`);
    await expect(tenantName(page)).resolves.toBe(first.name);

    await page.getByTestId("tenant-switcher").selectOption(second.slug);
    await page.waitForURL((url) => url.pathname === `/t/${second.slug}`);
    await expect(tenantName(page)).resolves.toBe(second.name);
  });

  it("answers another tenant's slug with the not-found page", async () => {
    const { first, person } = await seedTwoTenants();
    const foreign = await seedTenant({ name: "Someone else's school" });
    const page = await browser.newPage();
    await signIn(page, person.email, password, `/signin?callbackUrl=/t/${first.slug}`);

    const response = await page.goto(`/t/${foreign.slug}`);
    expect(response?.status()).toBe(404);
    await expectTestId(page, "not-found");
    expect(await page.innerText("body")).not.toContain(foreign.name);
  });

  it("shows the sign-in page in French to a French browser", async () => {
    const page = await browser.newPage({ locale: "fr-FR" });
    await page.goto("/signin");
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Connexion à Relais");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("fr");
  });

  it("remembers the language chosen with the switch across reloads and sign-ins", async () => {
    const { first, person } = await seedTwoTenants();
    const page = await browser.newPage({ locale: "en-GB" });
    await signIn(page, person.email, password, `/signin?callbackUrl=/t/${first.slug}`);
    await expect(page.getByRole("button", { name: "Sign out" }).count()).resolves.toBe(1);

    await page.getByTestId("language-switch").selectOption("fr");
    const signOut = page.getByRole("button", { name: "Se déconnecter" });
    await signOut.waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("fr");
    const saved = await e2e.db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(saved.locale).toBe("fr");

    await page.reload();
    await expect(page.getByTestId("language-switch").inputValue()).resolves.toBe("fr");
    await expect(signOut.count()).resolves.toBe(1);

    await signOut.click();
    await page.waitForURL((url) => url.pathname === "/signin");
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Connexion à Relais");
    await signIn(page, person.email, password, `/signin?callbackUrl=/t/${first.slug}`);
    await expect(page.getByTestId("language-switch").inputValue()).resolves.toBe("fr");
    await expect(page.getByRole("button", { name: "Se déconnecter" }).count()).resolves.toBe(1);
  });

  it("shows a school's dates in each reader's conventions and the school's time zone, which its admin changes", async () => {
    const school = await seedTenant({ name: "Collège Marie Curie" });
    const admin = await seedMember(school.id, "admin", { password });
    // 23:30 UTC on 2 December: 00:30 on 3 December in Paris, 18:30 on 2 December in Toronto.
    await seedAuditEntry(school.id, {
      action: "member.invited",
      actorLabel: admin.email,
      targetLabel: "newcomer@curie.test",
      createdAt: new Date("2026-12-02T23:30:00Z"),
    });
    const firstEntry = async (page: Page) =>
      plain(await page.getByTestId("audit-row").filter({ hasText: "newcomer@curie.test" }).innerText());

    const american = await browser.newPage({ locale: "en-US" });
    await signIn(american, admin.email, password, `/signin?callbackUrl=/t/${school.slug}/audit`);
    await expect(firstEntry(american)).resolves.toContain("Dec 3, 2026, 12:30:00 AM");
    const british = await browser.newPage({ locale: "en-GB" });
    await signIn(british, admin.email, password, `/signin?callbackUrl=/t/${school.slug}/audit`);
    await expect(firstEntry(british)).resolves.toContain("3 Dec 2026, 00:30:00");
    await expect(british.getByText("Times and days are in Europe/Paris time.").count()).resolves.toBe(1);

    // The admin moves the school to Toronto on its settings page.
    await british.goto(`/t/${school.slug}/settings`);
    await expect((await expectTestId(british, "region-current")).innerText()).resolves.toBe(
      "Times are shown in Europe/Paris time.",
    );
    await expect(british.getByTestId("region-time-zone").inputValue()).resolves.toBe("Europe/Paris");
    await expect(british.getByTestId("region-locale").inputValue()).resolves.toBe("fr");
    await british.getByTestId("region-time-zone").selectOption("America/Toronto");
    await british.getByTestId("region-save").click();
    await british.getByText("Saved. Times are now shown in America/Toronto time.").waitFor();
    await british.getByText("Times are shown in America/Toronto time.", { exact: true }).waitFor();

    await british.goto(`/t/${school.slug}/audit`);
    await expect(firstEntry(british)).resolves.toContain("2 Dec 2026, 18:30:00");
    const change = plain(
      await british.getByTestId("audit-row").filter({ hasText: "School's time zone changed" }).innerText(),
    );
    expect(change).toContain("Before: Europe/Paris");
    expect(change).toContain("After: America/Toronto");
    await american.reload();
    await expect(firstEntry(american)).resolves.toContain("Dec 2, 2026, 6:30:00 PM");

    // A client component (the dashboard's refresh time) is drawn in the school's zone too:
    // the browser's rendering matches the server's, and reads Toronto's hour.
    const dashboard = await browser.newPage({ locale: "en-GB" });
    const mismatches = hydrationErrors(dashboard);
    await signIn(dashboard, admin.email, password, `/signin?callbackUrl=/t/${school.slug}`);
    const updated = await (await expectTestId(dashboard, "dashboard")).locator("p").first().innerText();
    const torontoHours = [0, 60_000].map((ago) =>
      new Intl.DateTimeFormat("en-GB", {
        hour: "2-digit",
        hourCycle: "h23",
        timeZone: "America/Toronto",
      }).format(new Date(Date.now() - ago)),
    );
    expect(torontoHours).toContain(/Updated at (\d\d):/.exec(updated)?.[1]);
    expect(mismatches).toEqual([]);
  });
});
