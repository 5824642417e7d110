import { describe, expect, it } from "vitest";
import { formatLocaleFor } from "@/lib/i18n/dates/format-locale";
import {
  calendarDays,
  formatDay,
  formatMoment,
  formatPreciseMoment,
  formatPreciseTime,
  formatShortDay,
  formatTime,
  type DateConventions,
} from "@/lib/i18n/dates/formats";
import { momentWithZone } from "@/lib/i18n/dates/moment-with-zone";
import {
  canonicalTimeZone,
  dayIn,
  instantIn,
  isTimeZone,
  platformTimeZone,
  startOfDayIn,
} from "@/lib/i18n/dates/time-zones";
import { createTranslator } from "@/lib/i18n/translate";

// ICU writes no-break and narrow no-break spaces ("12:30 AM"); the tests compare words.
const plain = (text: string) => text.replace(/\s/g, " ");
const paris = (locale: string): DateConventions => ({ locale, timeZone: "Europe/Paris" });

describe("the formatting locale", () => {
  it("is the browser's first tag in the interface language that names a region", () => {
    expect(formatLocaleFor("en", "en-US,en;q=0.9")).toBe("en-US");
    expect(formatLocaleFor("en", "en-GB,en;q=0.8,fr;q=0.5")).toBe("en-GB");
    expect(formatLocaleFor("en", "en;q=0.9, en-AU;q=0.8")).toBe("en-AU");
    expect(formatLocaleFor("fr", "fr-CA,fr;q=0.9,en-US;q=0.8")).toBe("fr-CA");
    // The interface is English, chosen with the switch: the browser's English tag, not its French one.
    expect(formatLocaleFor("en", "fr-CA,fr;q=0.9,en-US;q=0.8")).toBe("en-US");
  });

  it("follows the q-values, skips refused, unknown and malformed tags, and drops extensions", () => {
    expect(formatLocaleFor("en", "en-US;q=0.5,en-GB;q=0.9")).toBe("en-GB");
    expect(formatLocaleFor("en", "en-US;q=0,en-AU")).toBe("en-AU");
    expect(formatLocaleFor("en", "en-XX,en-CA;q=0.5")).toBe("en-CA");
    expect(formatLocaleFor("en", "*, x-!!, en-us-u-ca-buddhist")).toBe("en-US");
  });

  it("is en-GB for English and fr-FR for French when the browser names no region in that language", () => {
    expect(formatLocaleFor("en", null)).toBe("en-GB");
    expect(formatLocaleFor("en", "en")).toBe("en-GB");
    expect(formatLocaleFor("en", "fr-FR,fr")).toBe("en-GB");
    expect(formatLocaleFor("fr", "en-US,en;q=0.9")).toBe("fr-FR");
    expect(formatLocaleFor("fr", "")).toBe("fr-FR");
  });
});

describe("the formats, across a day boundary in the school's zone", () => {
  // 23:30 on 2 December in UTC is 00:30 on 3 December in Paris.
  const instant = new Date("2026-12-02T23:30:00Z");
  const all = (c: DateConventions) =>
    [formatDay, formatMoment, formatPreciseMoment, formatTime, formatPreciseTime, formatShortDay].map((f) =>
      plain(f(c, instant)),
    );

  it("writes each kind of date one way per reader: British, American and French", () => {
    expect(all(paris("en-GB"))).toEqual([
      "3 Dec 2026",
      "3 Dec 2026, 00:30",
      "3 Dec 2026, 00:30:00",
      "00:30",
      "00:30:00",
      "3 Dec",
    ]);
    expect(all(paris("en-US"))).toEqual([
      "Dec 3, 2026",
      "Dec 3, 2026, 12:30 AM",
      "Dec 3, 2026, 12:30:00 AM",
      "12:30 AM",
      "12:30:00 AM",
      "Dec 3",
    ]);
    expect(all(paris("fr-FR"))).toEqual([
      "3 déc. 2026",
      "3 déc. 2026, 00:30",
      "3 déc. 2026, 00:30:00",
      "00:30",
      "00:30:00",
      "3 déc.",
    ]);
  });

  it("shows the instant in the zone it is given, not the server's", () => {
    expect(plain(formatMoment({ locale: "en-GB", timeZone: "UTC" }, instant))).toBe("2 Dec 2026, 23:30");
    expect(plain(formatMoment({ locale: "en-GB", timeZone: "America/New_York" }, instant))).toBe(
      "2 Dec 2026, 18:30",
    );
  });

  it("reads a calendar day stored as midnight UTC as that day in every zone", () => {
    const day = new Date("2026-03-02T00:00:00Z");
    const newYork = { locale: "en-US", timeZone: "America/New_York" };
    expect(plain(formatDay(newYork, day))).toBe("Mar 1, 2026");
    expect(plain(formatDay(calendarDays(newYork), day))).toBe("Mar 2, 2026");
  });

  it("names the zone where the reader might assume another, in their language", () => {
    expect(plain(momentWithZone(createTranslator("en"), paris("en-GB"), instant))).toBe(
      "3 Dec 2026, 00:30 (Europe/Paris time)",
    );
    expect(plain(momentWithZone(createTranslator("fr"), paris("fr-FR"), instant))).toBe(
      "3 déc. 2026, 00:30 (fuseau Europe/Paris)",
    );
  });
});

describe("time zones", () => {
  it("are the IANA zones the runtime knows, UTC included", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("America/Toronto")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    // Other names of a known zone are taken as the listed one.
    expect(canonicalTimeZone("America/Montreal")).toBe("America/Toronto");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus")).toBeNull();
  });

  it("default to Europe/Paris outside a school, unless RELAIS_TIME_ZONE names a known one", () => {
    expect(platformTimeZone({})).toBe("Europe/Paris");
    expect(platformTimeZone({ RELAIS_TIME_ZONE: "America/Toronto" })).toBe("America/Toronto");
    expect(platformTimeZone({ RELAIS_TIME_ZONE: "Mars/Olympus" })).toBe("Europe/Paris");
  });

  it("read a time typed for a school (a datetime-local field) in the school's zone", () => {
    expect(instantIn("Europe/Paris", "2026-12-03T09:30")?.toISOString()).toBe("2026-12-03T08:30:00.000Z");
    expect(instantIn("Europe/Paris", "2026-07-01T09:30")?.toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(instantIn("America/Toronto", "2026-12-03T09:30")?.toISOString()).toBe("2026-12-03T14:30:00.000Z");
    expect(instantIn("UTC", "2026-12-03T09:30:15")?.toISOString()).toBe("2026-12-03T09:30:15.000Z");
    for (const bad of ["", "tomorrow", "2026-13-40T09:30", "2026-12-03 09:30"]) {
      expect(instantIn("Europe/Paris", bad)).toBeNull();
    }
  });

  it("cut days at the zone's midnight, summer time included", () => {
    expect(dayIn("Europe/Paris", new Date("2026-12-02T23:30:00Z"))).toBe("2026-12-03");
    expect(dayIn("UTC", new Date("2026-12-02T23:30:00Z"))).toBe("2026-12-02");
    expect(startOfDayIn("Europe/Paris", "2026-12-03").toISOString()).toBe("2026-12-02T23:00:00.000Z");
    expect(startOfDayIn("Europe/Paris", "2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    // The days on which the clocks change.
    expect(startOfDayIn("Europe/Paris", "2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayIn("Europe/Paris", "2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDayIn("America/New_York", "2026-11-01").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfDayIn("America/New_York", "2026-11-02").toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(startOfDayIn("UTC", "2026-01-11").toISOString()).toBe("2026-01-11T00:00:00.000Z");
  });
});
