import { notFound } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { mailboxScope } from "@/lib/auth/mailbox-scope";
import { isUuid } from "@/lib/ids/is-uuid";
import { WAITING_MAIL_STATUSES } from "@/lib/outbox/cancel-waiting-mail";

/**
 * How many mails waiting to be sent from each of these mailboxes a
 * revocation would cancel, for its confirmation. Mailboxes the person may
 * not revoke are simply absent.
 */
export async function countQueuedMailByMailbox(
  ctx: TenantContext,
  mailboxIds: string[],
): Promise<Record<string, number>> {
  const ids = mailboxIds.filter(isUuid);
  if (ids.length === 0) return {};
  const db = await getDb();
  const groups = await db.outgoingMail.groupBy({
    by: ["mailboxId"],
    where: {
      tenantId: ctx.tenantId,
      // What revoking cancels (cancelMailOfRevokedMailbox): mail not yet handed to a worker.
      status: { in: [...WAITING_MAIL_STATUSES] },
      mailbox: { AND: [{ id: { in: ids } }, mailboxScope(ctx, "revoke")] },
    },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.mailboxId, group._count._all]));
}

/** The same for one mailbox; not found when the person may not revoke it. */
export async function countQueuedMail(ctx: TenantContext, mailboxId: string): Promise<number> {
  if (!isUuid(mailboxId)) throw notFound();
  const db = await getDb();
  if ((await db.mailbox.count({ where: { AND: [{ id: mailboxId }, mailboxScope(ctx, "revoke")] } })) === 0)
    throw notFound();
  return (await countQueuedMailByMailbox(ctx, [mailboxId]))[mailboxId] ?? 0;
}
