import { can, type TenantContext } from "@/lib/auth/tenant-context";

/**
 * Where "Back" leads after an authorization: a path the page asked for,
 * when it is one of this tenant's own pages; otherwise the mailbox list the
 * person sees (the mailbox's page for admins, their own mailboxes for members).
 */
export function returnPathFor(ctx: TenantContext, mailboxId: string, requested: string | null): string {
  const base = `/t/${ctx.tenantSlug}/`;
  if (
    requested &&
    requested.length <= 300 &&
    requested.startsWith(base) &&
    !requested.includes("//") &&
    !/[\\\s]/.test(requested)
  ) {
    return requested;
  }
  return can(ctx, "mailboxes.read")
    ? `/t/${ctx.tenantSlug}/mailboxes/${encodeURIComponent(mailboxId)}`
    : `/t/${ctx.tenantSlug}/my-mailboxes`;
}
