import { DomainError } from "@/lib/errors/domain-error";
import { resolveTenantContext, type Actor, type TenantContext } from "@/lib/auth/tenant-context";
import { resolveConnectLink, type ConnectLinkTarget } from "@/lib/connect-links/resolve-connect-link";
import { mailboxPermissionFor } from "@/lib/auth/mailbox-scope";

/**
 * Who is connecting a mailbox: a signed-in person in a tenant (mailboxScope
 * "connect": their own assigned mailboxes, or any for an admin), or the holder of a
 * valid connect link (that link's mailbox only, without an account).
 */
export type PersonActor = { kind: "person"; ctx: TenantContext };
export type LinkActor = { kind: "link"; link: ConnectLinkTarget; ip: string | null };
export type FlowActor = PersonActor | LinkActor;

/** A connect link that is unknown, used, revoked or expired: the page says so, whichever it was. */
export class LinkInvalidError extends DomainError {
  constructor() {
    super("not_found", "connect.result.linkInvalid.body");
    this.name = "LinkInvalidError";
  }
}

export const linkInvalid = () => new LinkInvalidError();

export async function personActor(user: Actor, tenantSlug: string): Promise<PersonActor> {
  return {
    kind: "person",
    ctx: await resolveTenantContext(user, tenantSlug, mailboxPermissionFor("connect")),
  };
}

export async function linkActor(token: string, ip: string | null): Promise<LinkActor> {
  const resolved = await resolveConnectLink(token);
  if (resolved.state !== "valid") throw linkInvalid();
  return { kind: "link", link: resolved.link, ip };
}

export function tenantIdOf(actor: FlowActor): string {
  return actor.kind === "person" ? actor.ctx.tenantId : actor.link.tenantId;
}
