"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Catalog, MessageKey } from "@/lib/i18n/catalog";
import type { DateConventions } from "@/lib/i18n/dates/formats";
import type { Locale } from "@/lib/i18n/locales";
import { interpolate, lookup, type MessageVars } from "@/lib/i18n/translate";

interface I18nValue {
  locale: Locale;
  t: (key: MessageKey, vars?: MessageVars) => string;
  dates: DateConventions;
}

const I18nContext = createContext<I18nValue | null>(null);

/**
 * The reader's language and date conventions for client components. The
 * time zone given here is the platform's; a school's pages wrap theirs in
 * SchoolTimeZone.
 */
export function I18nProvider({
  locale,
  catalog,
  formatLocale,
  timeZone,
  children,
}: {
  locale: Locale;
  catalog: Catalog;
  /** The reader's formatting locale (en-GB, en-US, fr-FR…): lib/i18n/dates/format-locale.ts. */
  formatLocale: string;
  timeZone: string;
  children: ReactNode;
}) {
  const value = useMemo<I18nValue>(
    () => ({
      locale,
      t: (key, vars) => interpolate(lookup(catalog, key) ?? key, vars, locale),
      dates: { locale: formatLocale, timeZone },
    }),
    [locale, catalog, formatLocale, timeZone],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Inside a school's pages: dates in the school's time zone. */
export function SchoolTimeZone({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  const parent = useI18n("SchoolTimeZone");
  const value = useMemo<I18nValue>(
    () => ({ ...parent, dates: { locale: parent.dates.locale, timeZone } }),
    [parent, timeZone],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(caller: string): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error(`${caller} outside I18nProvider`);
  return value;
}

/** The translator of client components; server components use getTranslator(). */
export function useT() {
  return useI18n("useT").t;
}

export function useLocale(): Locale {
  return useI18n("useLocale").locale;
}

/** How this reader is shown dates here (lib/i18n/dates/formats.ts); server components use getDateConventions(). */
export function useDates(): DateConventions {
  return useI18n("useDates").dates;
}
