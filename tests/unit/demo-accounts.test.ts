import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import { demoAccounts, demoPassword } from "@/dev/demo/demo-accounts";
import { createTranslator } from "@/lib/i18n/translate";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("the demo's sign-in page lists its accounts", () => {
  it("names every demo account, the password and what each one shows, in English", () => {
    const html = text(renderToStaticMarkup(createElement(DemoAccounts, { t: createTranslator("en") })));
    for (const account of demoAccounts) expect(html).toContain(account.email);
    expect(html).toContain(`They all use the password ${demoPassword}.`);
    expect(html).toContain("Teacher in École de démonstration");
    expect(html).toContain("Platform operator: every school");
  });

  it("in French too", () => {
    const html = text(renderToStaticMarkup(createElement(DemoAccounts, { t: createTranslator("fr") })));
    expect(html).toContain(`Tous utilisent le mot de passe ${demoPassword}.`);
    expect(html).toContain("Enseignant à École de démonstration");
  });
});
