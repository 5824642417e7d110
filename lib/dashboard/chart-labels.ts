import { formatDate, formatDateRange, type DateConventions } from "@/lib/i18n/dates/formats";
import type { BucketUnit } from "./mail-activity-range";

/**
 * How the charts write their hours, days and numbers, in the reader's
 * conventions and on the school's clock, with the kinds of lib/i18n/dates.
 */
export interface ChartLabels {
  /** Under a bar: "14" / "2 PM", "Thu 3 Dec" / "jeu. 3 déc.", "3 Dec" / "3 déc.". */
  tick: (start: Date) => string;
  /** A bucket in full, for its row in the table and the bar's title. */
  full: (start: Date, end: Date) => string;
  number: (value: number) => string;
}

export function chartLabels(
  dates: DateConventions,
  unit: BucketUnit,
  options: { weekday?: boolean } = {},
): ChartLabels {
  const number = new Intl.NumberFormat(dates.locale);
  if (unit === "hour") {
    return {
      tick: (d) => formatDate(dates, "hour", d),
      full: (s, e) => formatDateRange(dates, "hourSpan", s, e),
      number: (n) => number.format(n),
    };
  }
  return {
    tick: (d) => formatDate(dates, options.weekday ? "weekdayShortDay" : "shortDay", d),
    full: (s) => formatDate(dates, "fullDay", s),
    number: (n) => number.format(n),
  };
}
