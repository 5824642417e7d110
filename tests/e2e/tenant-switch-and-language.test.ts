import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectTestId, signIn, useBrowser } from "../support/browser";
import { useE2eDatabase } from "../support/e2e-db";
import { browserTestsRun } from "../support/e2e-env";
import { seedMember, seedTenant } from "../support/factories";

const password = "correct horse battery staple";

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
});
