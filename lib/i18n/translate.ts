import { catalogs, type Catalog, type MessageKey } from "./catalog";
import type { Locale } from "./locales";
import { formatMessage, type MessageVars } from "./format-message";

export type { MessageVars };
export type Translator = ((key: MessageKey, vars?: MessageVars) => string) & { locale: Locale };

export function lookup(catalog: Catalog | Partial<Catalog>, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

export function isMessageKey(key: string): key is MessageKey {
  return lookup(catalogs.en, key) !== undefined;
}

export function interpolate(template: string, vars?: MessageVars, locale: Locale = "en"): string {
  return formatMessage(template, vars, locale);
}

export function createTranslator(locale: Locale): Translator {
  const catalog = catalogs[locale];
  const t = (key: MessageKey, vars?: MessageVars) => interpolate(lookup(catalog, key) ?? key, vars, locale);
  return Object.assign(t, { locale });
}
