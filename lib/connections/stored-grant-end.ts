import { GOOGLE_TESTING_LIFETIME_DAYS } from "./google-testing";

/**
 * When a connection's authorization ends if nothing renews it, and why:
 * `provider` the provider announced it (refresh_token_expires_in), `testing`
 * the school's Google application is in "Testing" (7 days after the grant),
 * `inactivity` the provider's end of an unused authorization (Microsoft 90 days,
 * Google six months).
 */
export type PredictedGrantEnd = { at: Date; reason: "inactivity" | "provider" | "testing" };

const DAY_MS = 24 * 3600 * 1000;

/**
 * The forecast a mailbox row keeps (`grantEndsAt`, computed by the database:
 * the rule lives in one place, the `grant_ends_at` SQL function of migration
 * 20261206214151_renewal_and_revocation) with its reason, read from the dates
 * it was computed from: 7 days after the grant is "Testing", the provider's
 * announced date is the provider's, anything else is inactivity (Microsoft's 90
 * days, Google's six months: migration 20261207011000_google_inactivity_forecast).
 */
export function storedGrantEnd(row: {
  grantEndsAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  connectedAt: Date | null;
}): PredictedGrantEnd | null {
  if (!row.grantEndsAt) return null;
  const at = row.grantEndsAt.getTime();
  if (row.connectedAt && row.connectedAt.getTime() + GOOGLE_TESTING_LIFETIME_DAYS * DAY_MS === at) {
    return { at: row.grantEndsAt, reason: "testing" };
  }
  const announced = row.refreshTokenExpiresAt?.getTime() === at;
  return { at: row.grantEndsAt, reason: announced ? "provider" : "inactivity" };
}
