/** The time zone of a new school, and of pages outside any school unless RELAIS_TIME_ZONE says otherwise. */
export const DEFAULT_TIME_ZONE = "Europe/Paris";

let choices: readonly string[] | undefined;

/** The IANA time zones a school may choose, as this runtime knows them ("UTC" included). */
export function timeZoneChoices(): readonly string[] {
  choices ??= [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])].sort();
  return choices;
}

/** One of the choices, exactly as listed. */
export function isTimeZone(value: unknown): value is string {
  return typeof value === "string" && timeZoneChoices().includes(value);
}

/**
 * A zone as the runtime lists it, from any name it knows for it (an alias
 * such as America/Montreal gives America/Toronto, "utc" gives UTC); null
 * for a name it does not know.
 */
export function canonicalTimeZone(value: string): string | null {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en", { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return isTimeZone(resolved) ? resolved : null;
}

/** A stored zone as the runtime lists it, else the default: for reading rows, where a bad value must not fail a page. */
export function knownTimeZone(zone: string | null | undefined): string {
  return (zone && canonicalTimeZone(zone)) || DEFAULT_TIME_ZONE;
}

/**
 * The zone of pages that belong to no school (platform, account, development
 * mail): RELAIS_TIME_ZONE, else Europe/Paris. A wrong value stops the server
 * at start (startupProblems); here it falls back rather than fail a page.
 */
export function platformTimeZone(env: Record<string, string | undefined> = process.env): string {
  const chosen = env.RELAIS_TIME_ZONE?.trim();
  return (chosen && canonicalTimeZone(chosen)) || DEFAULT_TIME_ZONE;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let found = partsFormats.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormats.set(timeZone, found);
  }
  return found;
}

/** The wall-clock reading of an instant in a zone, as the UTC instant that reads the same. */
function wallClock(timeZone: string, date: Date): { day: string; asUtc: number } {
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const asUtc = Date.parse(`${day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
  return { day, asUtc };
}

/** The calendar day ("2026-12-03") an instant falls on in a zone. */
export function dayIn(timeZone: string, date: Date): string {
  return wallClock(timeZone, date).day;
}

/**
 * The instant a wall-clock reading ("2026-12-03T09:30", as a datetime-local
 * field gives it) stands for in a zone; null for a reading that is not one.
 * In the hour skipped when clocks go forward, the offset before the change.
 */
export function instantIn(timeZone: string, wallTime: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wallTime);
  if (!match) return null;
  const [, day, hour, minute, second = "00"] = match;
  const readingAsUtc = Date.parse(`${day}T${hour}:${minute}:${second}Z`);
  if (Number.isNaN(readingAsUtc)) return null;
  // Offset at the guess, then again at the first answer, in case a change of
  // offset (summer time) falls between the two.
  let at = readingAsUtc;
  for (let i = 0; i < 2; i++) {
    const offset = wallClock(timeZone, new Date(at)).asUtc - Math.floor(at / 1000) * 1000;
    at = readingAsUtc - offset;
  }
  return new Date(at);
}

/** The instant a calendar day ("2026-12-03") begins in a zone. */
export function startOfDayIn(timeZone: string, day: string): Date {
  const start = instantIn(timeZone, `${day}T00:00`);
  if (!start) throw new RangeError(`Not a calendar day: ${day}`);
  return start;
}
