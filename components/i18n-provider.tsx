"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { MessageKey } from "@/lib/i18n/catalog";
import type { DateConventions } from "@/lib/i18n/dates/formats";
import type { Locale } from "@/lib/i18n/locales";
import type { CatalogPart } from "@/lib/i18n/message-areas";
import { interpolate, lookup, type MessageVars } from "@/lib/i18n/translate";

interface I18nValue {
  locale: Locale;
  /** The areas of the catalog this part of the page was given (lib/i18n/message-areas.ts). */
  messages: CatalogPart;
  t: (key: MessageKey, vars?: MessageVars) => string;
  dates: DateConventions;
}

const I18nContext = createContext<I18nValue | null>(null);

function translatorOver(messages: CatalogPart, locale: Locale): I18nValue["t"] {
  return (key, vars) => {
    const template = lookup(messages, key);
    if (template === undefined && process.env.NODE_ENV !== "production") {
      console.error(`Message ${key} is not in this page's areas: add its area to the page's withMessages.`);
    }
    return interpolate(template ?? key, vars, locale);
  };
}

/**
 * The reader's language and date conventions for client components, with
 * the catalog's shell areas. The time zone given here is the platform's; a
 * school's pages wrap theirs in SchoolTimeZone; a page adds its message
 * areas with MessagesScope (through withMessages).
 */
export function I18nProvider({
  locale,
  messages,
  formatLocale,
  timeZone,
  children,
}: {
  locale: Locale;
  messages: CatalogPart;
  /** The reader's formatting locale (en-GB, en-US, fr-FR…): lib/i18n/dates/format-locale.ts. */
  formatLocale: string;
  timeZone: string;
  children: ReactNode;
}) {
  const value = useMemo<I18nValue>(
    () => ({
      locale,
      messages,
      t: translatorOver(messages, locale),
      dates: { locale: formatLocale, timeZone },
    }),
    [locale, messages, formatLocale, timeZone],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** A page's own message areas, added to the shell's for the client components inside. */
export function MessagesScope({ messages, children }: { messages: CatalogPart; children: ReactNode }) {
  const parent = useI18n("MessagesScope");
  const value = useMemo<I18nValue>(() => {
    const merged = { ...parent.messages, ...messages };
    return { ...parent, messages: merged, t: translatorOver(merged, parent.locale) };
  }, [parent, messages]);
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
