import { can, type TenantContext } from "@/lib/auth/tenant-context";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * The mailboxes a person may see and act on, as a where clause: an admin
 * (mailboxes.write) any of the tenant's, a member only those assigned to them.
 */
export function connectionScope(
  ctx: TenantContext,
  mailboxId: string | { in: string[] },
): Prisma.MailboxWhereInput {
  return {
    id: mailboxId,
    tenantId: ctx.tenantId,
    ...(can(ctx, "mailboxes.write")
      ? {}
      : { assignments: { some: { userId: ctx.userId, tenantId: ctx.tenantId } } }),
  };
}
