import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/ids/is-uuid";
import type { AssignMailboxMembersInput } from "./mailbox-schemas";
import { requireTenantMembers } from "./require-tenant-members";

/** Sets who a mailbox belongs to: exactly the members given, the others lose it. */
export async function assignMailboxMembers(ctx: TenantContext, input: AssignMailboxMembersInput) {
  if (!can(ctx, "mailboxes.write")) throw forbidden();
  if (!isUuid(input.id)) throw notFound();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const mailbox = await tx.mailbox.findFirst({
      where: { id: input.id, tenantId: ctx.tenantId },
      select: {
        id: true,
        address: true,
        assignments: {
          where: { tenantId: ctx.tenantId },
          select: { userId: true, user: { select: { email: true } } },
        },
      },
    });
    if (!mailbox) throw notFound();
    const members = await requireTenantMembers(tx, ctx.tenantId, input.members);
    const wanted = new Set(members.map((m) => m.userId));
    const current = new Set(mailbox.assignments.map((a) => a.userId));
    const added = members.filter((m) => !current.has(m.userId));
    const removed = mailbox.assignments.filter((a) => !wanted.has(a.userId));
    if (removed.length > 0) {
      await tx.mailboxAssignment.deleteMany({
        where: {
          tenantId: ctx.tenantId,
          mailboxId: mailbox.id,
          userId: { in: removed.map((a) => a.userId) },
        },
      });
    }
    if (added.length > 0) {
      await tx.mailboxAssignment.createMany({
        data: added.map((m) => ({ tenantId: ctx.tenantId, mailboxId: mailbox.id, userId: m.userId })),
        skipDuplicates: true,
      });
    }
    if (added.length > 0 || removed.length > 0) {
      await recordAudit(tx, ctx, {
        action: "mailbox.members_changed",
        targetType: "mailbox",
        targetId: mailbox.id,
        targetLabel: mailbox.address,
        details: { added: added.map((m) => m.email), removed: removed.map((a) => a.user.email) },
      });
    }
    return { id: mailbox.id, address: mailbox.address, members: members.map((m) => m.email) };
  });
}
