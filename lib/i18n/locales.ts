export const locales = ["en", "fr"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
/** A new school's language (Tenant.locale's default): mail to its people who chose none. */
export const defaultSchoolLocale: Locale = "fr";
export const localeCookie = "relais_locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** A school's language as stored (Tenant.locale), French when it is not one Relais speaks. */
export function schoolLocale(value: string): Locale {
  return isLocale(value) ? value : defaultSchoolLocale;
}

/** The tags of an Accept-Language header, most wanted first ("en-GB", "fr", …), without q=0 ones. */
export function rankedLanguageTags(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0 && entry.tag !== "")
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  return (
    rankedLanguageTags(header)
      .map((tag) => tag.toLowerCase().split("-")[0] ?? "")
      .find(isLocale) ?? defaultLocale
  );
}
