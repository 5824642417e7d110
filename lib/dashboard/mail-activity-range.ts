/**
 * The periods the mail charts offer, chosen with `?range=` (a link, so that it works
 * without JavaScript and can be shared): the last 24 hours by the hour, or the last 7,
 * 30 or 90 days by the day. The last bucket is the current hour or today, so far.
 */
export const mailActivityRanges = ["24h", "7d", "30d", "90d"] as const;
export type MailActivityRange = (typeof mailActivityRanges)[number];
export const defaultMailActivityRange: MailActivityRange = "24h";

export type BucketUnit = "hour" | "day";

export const rangeBuckets: Record<MailActivityRange, { unit: BucketUnit; count: number }> = {
  "24h": { unit: "hour", count: 24 },
  "7d": { unit: "day", count: 7 },
  "30d": { unit: "day", count: 30 },
  "90d": { unit: "day", count: 90 },
};

/** The range a URL asks for; anything else is the default. */
export function parseMailActivityRange(value: string | string[] | undefined): MailActivityRange {
  const first = Array.isArray(value) ? value[0] : value;
  return mailActivityRanges.find((range) => range === first) ?? defaultMailActivityRange;
}
