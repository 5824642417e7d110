import { rankedLanguageTags, type Locale } from "../locales";

/**
 * The region conventions of each language when the browser names none (and
 * in mail, where there is no browser): British English rather than American
 * for a product that serves French schools, France's French.
 */
export const defaultFormatLocales: Readonly<Record<Locale, string>> = { en: "en-GB", fr: "fr-FR" };

/** "en-GB" from "en-GB", "en-gb-u-ca-buddhist" or "en-Latn-GB"; null when the tag names no region or is not one. */
function languageAndRegion(tag: string, language: Locale): string | null {
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(tag);
  } catch {
    return null;
  }
  if (parsed.language !== language || !parsed.region) return null;
  // Only language and region: a tag's extensions (calendar, numbering) are not taken from a request.
  const candidate = `${parsed.language}-${parsed.region}`;
  // A region this runtime has no conventions for would quietly give the language's defaults.
  const resolved = new Intl.DateTimeFormat(candidate).resolvedOptions().locale;
  return resolved === candidate ? candidate : null;
}

/**
 * The formatting locale of a reader whose interface language is `locale`:
 * the first tag of their browser's Accept-Language in that language with a
 * region (en-US, en-AU, fr-CA…), else the language's default above. The
 * interface language itself stays "en" or "fr": a French page for a reader
 * whose browser asks only for English uses fr-FR.
 */
export function formatLocaleFor(locale: Locale, acceptLanguage: string | null | undefined): string {
  for (const tag of rankedLanguageTags(acceptLanguage)) {
    const found = languageAndRegion(tag, locale);
    if (found) return found;
  }
  return defaultFormatLocales[locale];
}
