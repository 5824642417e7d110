import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n/catalog";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { createTranslator, interpolate } from "@/lib/i18n/translate";

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

  it("keep French punctuation on its word: a no-break space before : ; ? ! » and after «", () => {
    // A plain space there lets a phone's line break leave the colon or the guillemet alone at a line's start.
    const loose = leaves(catalogs.fr)
      .filter(([, text]) => /\S [:;?!»]|« /.test(text))
      .map(([key]) => key);
    expect(loose).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    // Plain `{name}` and plural forms `{name, plural, …}`, each name once.
    const placeholders = (text: string) =>
      [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
    const fr = new Map(leaves(catalogs.fr));
    const mismatched = leaves(catalogs.en)
      .filter(
        ([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(fr.get(key)!)),
      )
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("choose plural forms by each language's rules", () => {
    const en = createTranslator("en");
    const fr = createTranslator("fr");
    expect(en("mailboxes.table.total", { count: 1 })).toBe("1 mailbox");
    expect(en("mailboxes.table.total", { count: 0 })).toBe("0 mailboxes");
    expect(en("mailboxes.table.total", { count: 1200 })).toBe("1,200 mailboxes");
    expect(fr("mailboxes.table.total", { count: 0 })).toBe("0 boîte mail");
    expect(fr("mailboxes.table.total", { count: 2 })).toBe("2 boîtes mail");
    // Other placeholders inside a case, and two forms in one message.
    expect(fr("mailboxes.connectLinks.sent", { count: 1, date: "3 décembre" })).toBe(
      "1 lien envoyé, valable jusqu’au 3 décembre.",
    );
    expect(fr("dashboard.bulk.result", { done: 1, skipped: 4 })).toBe("1 traitée, 4 ignorées.");
    // Every plural form of the catalogs parses: none is left as written.
    for (const [key, text] of [...leaves(catalogs.en), ...leaves(catalogs.fr)]) {
      if (!text.includes(", plural,")) continue;
      const names = [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]!);
      const vars = Object.fromEntries(names.map((name) => [name, 2]));
      expect({ key, text: interpolate(text, vars, "fr") }).not.toMatchObject({
        text: expect.stringContaining("plural"),
      });
    }
  });

  it("are all ICU MessageFormat that intl-messageformat parses", () => {
    const unparsable = [...leaves(catalogs.en), ...leaves(catalogs.fr)].filter(([, text]) => {
      try {
        new IntlMessageFormat(text, "en", undefined, { ignoreTag: true });
        return false;
      } catch {
        return true;
      }
    });
    expect(unparsable.map(([key]) => key)).toEqual([]);
  });

  it("keep the sentence when a caller leaves out a variable, filling the others", () => {
    expect(
      interpolate("{count, plural, one {# mail} other {# mails}} to {address}", { address: "a@b.test" }),
    ).toBe("{count, plural, one {# mail} other {# mails}} to a@b.test");
    expect(interpolate("Sent <b>{n}</b> of {total}", { n: 3, total: 4 })).toBe("Sent <b>3</b> of 4");
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
