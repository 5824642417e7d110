import { z } from "zod";

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
