import type { PredictedGrantEnd } from "./predict-grant-end";

/**
 * The forecast a mailbox row keeps (`grantEndsAt`, the same rule as
 * predictGrantEnd, computed by the database) with its reason: the provider's
 * announced end when it is that date, else Microsoft's end after inactivity.
 */
export function storedGrantEnd(row: {
  grantEndsAt: Date | null;
  refreshTokenExpiresAt: Date | null;
}): PredictedGrantEnd | null {
  if (!row.grantEndsAt) return null;
  const announced = row.refreshTokenExpiresAt?.getTime() === row.grantEndsAt.getTime();
  return { at: row.grantEndsAt, reason: announced ? "provider" : "inactivity" };
}
