import { z } from "zod";
import { canonicalTimeZone } from "@/lib/i18n/dates/time-zones";
import { locales } from "@/lib/i18n/locales";

/** Bounds of a school's retention period for mail content, in days (docs/personal-data.md). */
export const MAIL_RETENTION_MIN_DAYS = 1;
export const MAIL_RETENTION_MAX_DAYS = 3650;

const days = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() : value),
  z.coerce
    .number({ error: "settings.retention.errors.range" })
    .int({ error: "settings.retention.errors.range" })
    .min(MAIL_RETENTION_MIN_DAYS, { error: "settings.retention.errors.range" })
    .max(MAIL_RETENTION_MAX_DAYS, { error: "settings.retention.errors.range" }),
);

export const mailRetentionInput = z.object({
  // An empty field would coerce to 0: refused by min() like any other number out of range.
  mailBodyRetentionDays: days,
});
export type MailRetentionInput = z.infer<typeof mailRetentionInput>;

/** A school's language: mail to its people who chose none is in it. */
export const schoolLocaleSchema = z.enum(locales, { error: "settings.region.errors.language" });

/**
 * A school's time zone: an IANA zone the runtime knows, checked here, on the
 * server, and stored as Intl.supportedValuesOf lists it (the settings' choices).
 */
export const schoolTimeZoneSchema = z
  .string({ error: "settings.region.errors.timeZone" })
  .transform((value, context) => {
    const zone = canonicalTimeZone(value);
    if (zone) return zone;
    context.addIssue({ code: "custom", message: "settings.region.errors.timeZone" });
    return z.NEVER;
  });

export const schoolRegionInput = z.object({ locale: schoolLocaleSchema, timeZone: schoolTimeZoneSchema });
export type SchoolRegionInput = z.infer<typeof schoolRegionInput>;
