/** Days without a refresh after which a connection is refreshed in the background (RELAIS_KEEPALIVE_DAYS). */
export function keepAliveDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.RELAIS_KEEPALIVE_DAYS;
  if (raw === undefined || raw === "") return 30;
  const days = Number(raw);
  // Microsoft drops refresh tokens after 90 idle days: a longer setting would let them die.
  if (!Number.isInteger(days) || days < 1 || days > 80) {
    throw new Error("RELAIS_KEEPALIVE_DAYS must be a whole number of days between 1 and 80");
  }
  return days;
}
