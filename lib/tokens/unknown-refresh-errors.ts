import type { RefreshFailure } from "./refresh-failure";

/**
 * Days a connection may keep failing to refresh with answers Relais does not
 * recognise (an `error` outside providers.md's table, a 4xx without one, a 200
 * without a token) before it needs a person: retried meanwhile, then
 * `needs_reconnect` with the provider's code kept for support (docs/keep-alive.md).
 */
export const UNKNOWN_REFRESH_ERROR_DAYS = 3;

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
/** The background retries of such a connection wait half the time it has been failing, within these bounds. */
export const UNKNOWN_RETRY_MIN_MS = HOUR_MS;
export const UNKNOWN_RETRY_MAX_MS = 12 * HOUR_MS;

/**
 * What an unrecognised refusal means for a connection failing that way since
 * `since`: passing (retried) for UNKNOWN_REFRESH_ERROR_DAYS, then a state a
 * person sees, with the same code.
 */
export function afterUnknownErrorDays(
  failure: RefreshFailure,
  since: Date | null,
  now: Date,
): RefreshFailure {
  if (!failure.unrecognised || !since) return failure;
  if (now.getTime() - since.getTime() < UNKNOWN_REFRESH_ERROR_DAYS * DAY_MS) return failure;
  return { effect: "needs_reconnect", code: failure.code, unrecognised: true };
}
