import { KEEP_ALIVE_WINDOWS } from "@/lib/connections/keep-alive-windows";
import type { PredictedGrantEnd } from "@/lib/connections/stored-grant-end";

const DAY_MS = 86_400_000;

/**
 * How many days ahead of a connection's forecast end (Mailbox.grantEndsAt) its
 * owners and the school's admins are warned: once at each, per forecast
 * (docs/token-lifecycle.md, "Notifications").
 */
export const GRANT_END_WARNING_DAYS = [14, 3] as const;

/** Microsoft ends an authorization unused for this many days (`AADSTS700082`). */
export const MICROSOFT_INACTIVITY_DAYS = 90;

/**
 * Microsoft's inactivity end is not the owners' business while the keep-alive
 * works: it renews a connection at the latest KEEP_ALIVE_WINDOWS.microsoft.maxDays
 * (80) days after its last refresh, so at least this many days (10) before
 * such an end. A threshold closer than that is only reached by a forecast the
 * keep-alive could not renew (refreshes failing, the worker stopped): only
 * those thresholds warn of an inactivity end.
 */
export const INACTIVITY_WARNING_BELOW_DAYS = MICROSOFT_INACTIVITY_DAYS - KEEP_ALIVE_WINDOWS.microsoft.maxDays;

/**
 * The warning a forecast is due now: the closest threshold it is within (a
 * forecast first seen 2 days ahead gets the 3-day warning only, not the
 * 14-day one too), or null: too far, already past, or an inactivity end the
 * keep-alive is still to renew.
 */
export function grantEndWarningThreshold(end: PredictedGrantEnd, now: Date): number | null {
  const left = end.at.getTime() - now.getTime();
  if (left <= 0) return null;
  const threshold = [...GRANT_END_WARNING_DAYS].sort((a, b) => a - b).find((days) => left <= days * DAY_MS);
  if (threshold === undefined) return null;
  if (end.reason === "inactivity" && threshold >= INACTIVITY_WARNING_BELOW_DAYS) return null;
  return threshold;
}

/** Whole days left until the end, rounded up ("in 10 days"); at least 1. */
export function daysUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / DAY_MS));
}
