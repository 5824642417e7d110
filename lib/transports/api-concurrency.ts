import type { MailTransport } from "./mail-transports";

/** Microsoft Graph serves 4 concurrent requests per mailbox and application; a fifth is throttled. */
export const GRAPH_CONCURRENT_REQUESTS = 4;

/** How many of a mailbox's mails may be in flight at once, across workers; null: no limit of this kind. */
export function apiConcurrencyFor(transport: MailTransport): number | null {
  return transport === "graph" ? GRAPH_CONCURRENT_REQUESTS : null;
}

/**
 * How many of a mailbox's mails (with a concurrency limit) one worker may hold
 * leased while it alone sends for that mailbox: four requests' worth ahead, so
 * that the next request starts as one ends instead of after a claim.
 */
export const API_LEASE_AHEAD_FACTOR = 4;

export function apiLeaseAheadFor(transport: MailTransport): number | null {
  const slots = apiConcurrencyFor(transport);
  return slots === null ? null : slots * API_LEASE_AHEAD_FACTOR;
}
