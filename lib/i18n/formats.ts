import type { Locale } from "./locales";
import type { Translator } from "./translate";

/** A day in the reader's language: "March 2, 2027", "2 mars 2027". */
export function formatDay(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(date);
}

/** A day and time in the reader's language: "Mar 2, 2027, 7:40 PM", "2 mars 2027, 19:40". */
export function formatMoment(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

const UNITS = [
  ["common.bytes.gigabytes", 1024 ** 3],
  ["common.bytes.megabytes", 1024 ** 2],
  ["common.bytes.kilobytes", 1024],
] as const;

/** A size with the reader's unit words: "11 B" / "11 o", "1.5 MB" / "1,5 Mo" (binary multiples). */
export function formatBytes(t: Translator, bytes: number): string {
  const number = (value: number) =>
    new Intl.NumberFormat(t.locale, { maximumFractionDigits: 1 }).format(value);
  for (const [key, size] of UNITS) {
    if (bytes >= size) return t(key, { size: number(bytes / size) });
  }
  return t("common.bytes.bytes", { size: number(bytes) });
}
