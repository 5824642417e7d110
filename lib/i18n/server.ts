import "server-only";
import { cookies, headers } from "next/headers";
import type { DateConventions } from "./dates/formats";
import { formatLocaleFor } from "./dates/format-locale";
import { platformTimeZone } from "./dates/time-zones";
import { isLocale, localeCookie, localeFromAcceptLanguage, type Locale } from "./locales";
import { createTranslator, type Translator } from "./translate";

/** The person's chosen language (cookie), else the browser's. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(localeCookie)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

export async function getTranslator(): Promise<Translator> {
  return createTranslator(await getLocale());
}

/** The reader's formatting locale: their language, with their browser's region for it (en-GB, en-US, fr-CA…). */
export async function getFormatLocale(): Promise<string> {
  return formatLocaleFor(await getLocale(), (await headers()).get("accept-language"));
}

/**
 * How this reader is shown dates: their formatting locale and `timeZone`,
 * a school's (ctx.timeZone) on its pages, else the platform's.
 */
export async function getDateConventions(timeZone: string = platformTimeZone()): Promise<DateConventions> {
  return { locale: await getFormatLocale(), timeZone };
}
