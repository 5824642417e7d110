import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { listClientConfigurations } from "@/lib/clients/list-client-configurations";
import { getDb } from "@/lib/db/client";

/** What the mailbox forms offer: the tenant's configurations and the members a mailbox can go to. */
export async function listMailboxFormOptions(ctx: TenantContext) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  const db = await getDb();
  const [configurations, memberships] = await Promise.all([
    listClientConfigurations(ctx),
    db.membership.findMany({
      where: { tenantId: ctx.tenantId },
      select: { user: { select: { id: true, email: true, name: true } } },
      orderBy: { user: { email: "asc" } },
    }),
  ]);
  return {
    // With how each sends, so that "Send through" offers what its provider can do.
    configurations: configurations.map((c) => ({
      id: c.id,
      name: c.name,
      provider: c.provider,
      transport: c.transport,
      apiBaseUrl: c.apiBaseUrl,
    })),
    members: memberships.map((m) => m.user),
  };
}

export type MailboxFormOptions = Awaited<ReturnType<typeof listMailboxFormOptions>>;
