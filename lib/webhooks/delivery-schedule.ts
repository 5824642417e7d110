/**
 * How long to wait after each failed attempt (the Standard Webhooks
 * reference schedule): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. Eight
 * attempts spread over 27 h 35 min; after the last, the delivery has failed.
 */
export const RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** An endpoint whose deliveries all failed for this long is paused and its admins told. */
export const PAUSE_FAILING_AFTER_MS = 5 * 24 * 3600 * 1000;

/** Deliveries and their events are kept this long after they were written, for the portal's history. */
export const WEBHOOK_HISTORY_DAYS = 30;

/** The wait after failed attempt number `attempts` (1-based), or null when it was the last. */
export function retryDelayAfter(attempts: number): number | null {
  return attempts >= MAX_ATTEMPTS ? null : (RETRY_DELAYS_MS[Math.max(0, attempts - 1)] ?? null);
}
