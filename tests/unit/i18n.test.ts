import { describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n/catalog";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";

function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe("message catalogs", () => {
  it("have the same keys in English and French, none empty", () => {
    const en = leaves(catalogs.en);
    const fr = leaves(catalogs.fr);
    expect(fr.map(([key]) => key).sort()).toEqual(en.map(([key]) => key).sort());
    expect([...en, ...fr].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const fr = new Map(leaves(catalogs.fr));
    const mismatched = leaves(catalogs.en)
      .filter(
        ([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(fr.get(key)!)),
      )
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("translates with variables", () => {
    expect(createTranslator("fr")("errors.internal", { id: "ab12" })).toContain("ab12");
    expect(createTranslator("fr")("auth.signIn.title")).toBe("Connexion à Relais");
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr"],
    ["de-DE,de;q=0.9,fr;q=0.5", "fr"],
    ["en-GB", "en"],
    ["de", "en"],
    ["fr;q=0, en;q=0.1", "en"],
    ["", "en"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
