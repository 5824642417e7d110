import { calendarDays, formatDay, type DateConventions } from "@/lib/i18n/dates/formats";
import type { ProviderKind } from "@/lib/oauth/presets";
import { keepAliveFamily, type KeepAliveFamily } from "@/lib/connections/keep-alive-windows";

const DAY_MS = 86_400_000;

/** Days before a client secret's expiry at which the school's admins are reminded, once each per secret. */
export const CLIENT_SECRET_REMINDER_DAYS = [60, 30, 7] as const;
/** Within this many days the configuration page and list show the expiry as a warning (amber). */
export const CLIENT_SECRET_SOON_DAYS = 30;
/** A typed expiry date is refused beyond this many years ahead (Azure allows two at most). */
const MAX_YEARS_AHEAD = 10;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day of a moment, as stored in a `DATE` column: midnight UTC. */
export function utcDay(at: Date): Date {
  return new Date(`${at.toISOString().slice(0, 10)}T00:00:00Z`);
}

/** "2027-03-03" for a stored day (null stays null). */
export function dayText(day: Date | null): string | null {
  return day ? day.toISOString().slice(0, 10) : null;
}

/**
 * A typed expiry date ("YYYY-MM-DD", what `<input type="date">` posts): blank
 * is none (null), a real calendar day from 2000 to ten years ahead is kept,
 * anything else is refused ("invalid").
 */
export function parseSecretExpiryDay(typed: string | undefined, now: Date): string | null | "invalid" {
  const text = typed?.trim() ?? "";
  if (text === "") return null;
  const match = ISO_DAY.exec(text);
  if (!match) return "invalid";
  const day = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || dayText(day) !== text) return "invalid";
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  if (Number(match[1]) < 2000 || day > latest) return "invalid";
  return text;
}

/** Whole days from today (UTC) to the expiry day: 0 on the day, negative once past. */
export function daysUntilExpiry(expiresOn: Date, now: Date): number {
  return Math.round((utcDay(expiresOn).getTime() - utcDay(now).getTime()) / DAY_MS);
}

export type SecretExpiryStatus = {
  expiresOn: Date;
  daysLeft: number;
  /** expired: on or past the day, or the provider said so; soon: within CLIENT_SECRET_SOON_DAYS. */
  tone: "expired" | "soon" | "later";
  /** The provider answered that it has expired (AADSTS7000222), on this day. */
  seenExpired: boolean;
};

/** Where a configuration's client secret stands, for its page and the list; null when no date is known. */
export function secretExpiryStatus(
  row: { clientSecretExpiresOn: Date | null; clientSecretExpiredSeenAt: Date | null },
  now: Date,
): SecretExpiryStatus | null {
  if (!row.clientSecretExpiresOn) return null;
  const daysLeft = daysUntilExpiry(row.clientSecretExpiresOn, now);
  const seenExpired = row.clientSecretExpiredSeenAt !== null;
  const tone =
    seenExpired || daysLeft <= 0 ? "expired" : daysLeft <= CLIENT_SECRET_SOON_DAYS ? "soon" : "later";
  return { expiresOn: row.clientSecretExpiresOn, daysLeft, tone, seenExpired };
}

/**
 * The reminder due now for a secret expiring in `daysLeft` days: the closest
 * of CLIENT_SECRET_REMINDER_DAYS it is within (one first seen 20 days ahead
 * gets the 30-day reminder only), or null: too far, or expired already.
 */
export function secretReminderThreshold(daysLeft: number): number | null {
  if (daysLeft < 1) return null;
  return [...CLIENT_SECRET_REMINDER_DAYS].sort((a, b) => a - b).find((days) => daysLeft <= days) ?? null;
}

/** A stored day as the reader writes days ("3 Mar 2027"), read as the calendar day it is (stored as midnight UTC). */
export function formatExpiryDay(dates: DateConventions, day: Date): string {
  return formatDay(calendarDays(dates), day);
}

/** Whose console a new secret is made in, for the words of the fix (a custom one by its token endpoint). */
export function secretFixFamily(config: { provider: ProviderKind; tokenEndpoint: string }): KeepAliveFamily {
  return keepAliveFamily(config);
}

/**
 * What saving the form does to the stored expiry: a new secret resets it
 * (the old date goes) unless another date is typed with it; a removed secret
 * takes it along; otherwise the typed date replaces it (absent: unchanged).
 * A date the provider taught (clientSecretExpiredSeenAt) stays until the date
 * or the secret changes.
 */
export function secretExpiryChange(
  stored: { clientSecretExpiresOn: Date | null; clientSecretExpiredSeenAt: Date | null },
  secretChange: "replaced" | "cleared" | null,
  typed: string | null | undefined,
): {
  from: string | null;
  to: string | null;
  columns: { clientSecretExpiresOn?: Date | null; clientSecretExpiredSeenAt?: null };
} {
  const from = dayText(stored.clientSecretExpiresOn);
  let to: string | null;
  if (secretChange === "cleared") to = null;
  else if (secretChange === "replaced") to = typed && typed !== from ? typed : null;
  else to = typed === undefined ? from : typed;
  const forgetSeen = stored.clientSecretExpiredSeenAt !== null && (secretChange !== null || to !== from);
  return {
    from,
    to,
    columns: {
      ...(to !== from ? { clientSecretExpiresOn: to ? new Date(`${to}T00:00:00Z`) : null } : {}),
      ...(forgetSeen ? { clientSecretExpiredSeenAt: null } : {}),
    },
  };
}
