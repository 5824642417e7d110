import type { FlowOutcome } from "@/lib/connections/flow-outcomes";

// Outcomes that another attempt cannot change, or that must not invite one.
const FINAL = new Set<FlowOutcome>([
  "connected",
  "already_completed",
  "not_found",
  "link_invalid",
  "other_person",
  "config_refused",
  "config_unusable",
]);

/** Where a person starts the authorization again: the start route with the same mailbox and way back. */
export function authorizePath(tenantSlug: string, mailboxId: string, returnTo?: string): string {
  const query = new URLSearchParams({ tenant: tenantSlug, mailbox: mailboxId });
  if (returnTo) query.set("returnTo", returnTo);
  return `/api/oauth/authorize?${query}`;
}

/**
 * "Try again" for a person's flow. A connect link's holder has no such
 * button: the link's token is not stored, so they open their link again.
 */
export function retryPathFor(
  outcome: FlowOutcome,
  row: { userId: string | null; mailboxId: string; returnTo: string; tenantSlug: string },
): string | null {
  if (FINAL.has(outcome) || !row.userId) return null;
  return authorizePath(row.tenantSlug, row.mailboxId, row.returnTo || undefined);
}
