// Dates: lib/i18n/dates/formats.ts.
import type { Translator } from "./translate";

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
