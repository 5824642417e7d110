import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";

/** The choices of the mailbox table's filters: the tenant's configurations and members. */
export async function listMailboxFilterOptions(ctx: TenantContext) {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  const db = await getDb();
  const [configurations, memberships] = await Promise.all([
    db.clientConfiguration.findMany({
      where: { tenantId: ctx.tenantId },
      select: { id: true, name: true, provider: true },
      orderBy: { name: "asc" },
    }),
    db.membership.findMany({
      where: { tenantId: ctx.tenantId },
      select: { user: { select: { id: true, email: true } } },
      orderBy: { user: { email: "asc" } },
    }),
  ]);
  return { configurations, members: memberships.map((m) => m.user) };
}
