/**
 * How one reader writes dates: the formatting locale (language and region,
 * "en-GB", "en-US", "fr-FR", "fr-CA": order, month names, 12- or 24-hour
 * clock) and the time zone the instants are shown in. docs/dates-and-time-zones.md.
 */
export interface DateConventions {
  readonly locale: string;
  readonly timeZone: string;
}

/**
 * The one format of each kind of date. Month names rather than numbers, so
 * that no date reads as another in a region that orders day and month the
 * other way round ("2 Dec 2026" and "Dec 2, 2026", never "12/2/26").
 */
const KINDS = {
  /** A day: "3 Dec 2026", "Dec 3, 2026", "3 déc. 2026". */
  day: { dateStyle: "medium" },
  /** A day and time, to the minute: "3 Dec 2026, 00:30", "Dec 3, 2026, 12:30 AM". */
  moment: { dateStyle: "medium", timeStyle: "short" },
  /** A moment to the second, in logs where seconds order events (attempts, deliveries, audit entries). */
  preciseMoment: { dateStyle: "medium", timeStyle: "medium" },
  /** A time of day: "00:30", "12:30 AM"; also a chart's hour labels. */
  time: { timeStyle: "short" },
  /** A time of day to the second, where seconds show that something moves (a live page's last refresh). */
  preciseTime: { timeStyle: "medium" },
  /** A chart's day labels, where the year is the chart's: "3 Dec", "Dec 3", "3 déc.". */
  shortDay: { day: "numeric", month: "short" },
  /** A chart's day labels over a week: "Thu 3 Dec", "Thu, Dec 3", "jeu. 3 déc.". */
  weekdayShortDay: { weekday: "short", day: "numeric", month: "short" },
  /** A chart's hour labels: "14", "2 PM", "14 h". */
  hour: { hour: "numeric" },
  /** A chart's hour in full, as a span in its table and titles: "3 Dec, 14:00–15:00". */
  hourSpan: { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
  /** A chart's day in full: "Thursday 3 December 2026", "jeudi 3 décembre 2026". */
  fullDay: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateKind = keyof typeof KINDS;

// Formatters are costly to build and pages format hundreds of dates: one per
// locale, zone and kind, the whole cache dropped if ever it grows large.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(conventions: DateConventions, kind: DateKind): Intl.DateTimeFormat {
  const key = `${conventions.locale}|${conventions.timeZone}|${kind}`;
  let found = formatters.get(key);
  if (!found) {
    if (formatters.size >= 500) formatters.clear();
    found = new Intl.DateTimeFormat(conventions.locale, { ...KINDS[kind], timeZone: conventions.timeZone });
    formatters.set(key, found);
  }
  return found;
}

export function formatDate(conventions: DateConventions, kind: DateKind, date: Date): string {
  return formatter(conventions, kind).format(date);
}

/** A span between two instants in one kind, written once where they share a part ("3 Dec, 14:00–15:00"). */
export function formatDateRange(
  conventions: DateConventions,
  kind: DateKind,
  start: Date,
  end: Date,
): string {
  return formatter(conventions, kind).formatRange(start, end);
}

export const formatDay = (c: DateConventions, date: Date) => formatDate(c, "day", date);
export const formatMoment = (c: DateConventions, date: Date) => formatDate(c, "moment", date);
export const formatPreciseMoment = (c: DateConventions, date: Date) => formatDate(c, "preciseMoment", date);
export const formatTime = (c: DateConventions, date: Date) => formatDate(c, "time", date);
export const formatPreciseTime = (c: DateConventions, date: Date) => formatDate(c, "preciseTime", date);
export const formatShortDay = (c: DateConventions, date: Date) => formatDate(c, "shortDay", date);

/**
 * For calendar days stored as midnight UTC (a report's period, "2026-03-02"
 * in an audit detail): they are the same day everywhere, so they are read
 * in UTC, whatever the reader's zone.
 */
export function calendarDays(conventions: DateConventions): DateConventions {
  return { locale: conventions.locale, timeZone: "UTC" };
}
