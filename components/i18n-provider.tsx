"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Catalog, MessageKey } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { interpolate, lookup, type MessageVars } from "@/lib/i18n/translate";

interface I18nValue {
  locale: Locale;
  t: (key: MessageKey, vars?: MessageVars) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({
  locale,
  catalog,
  children,
}: {
  locale: Locale;
  catalog: Catalog;
  children: ReactNode;
}) {
  const value = useMemo<I18nValue>(
    () => ({ locale, t: (key, vars) => interpolate(lookup(catalog, key) ?? key, vars, locale) }),
    [locale, catalog],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translator of client components; server components use getTranslator(). */
export function useT() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT outside I18nProvider");
  return value.t;
}

export function useLocale(): Locale {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useLocale outside I18nProvider");
  return value.locale;
}
