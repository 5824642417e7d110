import type { MailTransport } from "./mail-transports";

/** Microsoft Graph serves 4 concurrent requests per mailbox and application; a fifth is throttled. */
export const GRAPH_CONCURRENT_REQUESTS = 4;

/** How many of a mailbox's mails may be in flight at once, across workers; null: no limit of this kind. */
export function apiConcurrencyFor(transport: MailTransport): number | null {
  return transport === "graph" ? GRAPH_CONCURRENT_REQUESTS : null;
}
