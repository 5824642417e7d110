import "server-only";
import { cookies, headers } from "next/headers";
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
