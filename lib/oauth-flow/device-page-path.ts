import type { FlowActor } from "./flow-actor";

/**
 * The page that shows a device grant's code: under the tenant for a person,
 * under the connect link for its holder (whose token is already in that URL).
 */
export function devicePagePath(
  actor: FlowActor,
  mailboxId: string,
  grantId?: string,
  linkToken?: string,
): string {
  const query = grantId ? `?grant=${encodeURIComponent(grantId)}` : "";
  if (actor.kind === "link") return `/connect/${encodeURIComponent(linkToken ?? "")}/device${query}`;
  return `/t/${actor.ctx.tenantSlug}/mailboxes/${mailboxId}/device${query}`;
}
