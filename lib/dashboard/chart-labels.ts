import type { Locale } from "@/lib/i18n/locales";
import type { BucketUnit } from "./mail-activity-range";

/**
 * How the charts write their hours, days and numbers, in the reader's language and
 * on the school's clock. Every date format of the charts is here, so that another
 * house style for dates is one change.
 */
export interface ChartLabels {
  /** Under a bar: "2 PM" / "14 h", "Thu, Dec 3" / "jeu. 3 déc.", "Dec 3" / "3 déc.". */
  tick: (start: Date) => string;
  /** A bucket in full, for its row in the table and the bar's title. */
  full: (start: Date, end: Date) => string;
  number: (value: number) => string;
}

export function chartLabels(
  locale: Locale,
  timeZone: string,
  unit: BucketUnit,
  options: { weekday?: boolean } = {},
): ChartLabels {
  const number = new Intl.NumberFormat(locale);
  if (unit === "hour") {
    const tick = new Intl.DateTimeFormat(locale, { hour: "numeric", timeZone });
    const full = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    });
    return {
      tick: (d) => tick.format(d),
      full: (s, e) => full.formatRange(s, e),
      number: (n) => number.format(n),
    };
  }
  const tick = new Intl.DateTimeFormat(locale, {
    ...(options.weekday ? { weekday: "short" as const } : {}),
    day: "numeric",
    month: "short",
    timeZone,
  });
  const full = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  });
  return { tick: (d) => tick.format(d), full: (s) => full.format(s), number: (n) => number.format(n) };
}
