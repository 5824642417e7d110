import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { visibleMailWhere } from "@/lib/outbox/mail-sender";
import { isUuid } from "@/lib/ids/is-uuid";

const RECENT = 20;

/**
 * A mailbox page's history: its last mails (as the outbox would show them to
 * this person) and, for those who may read the audit log, its audit trail.
 * Both tenant-scoped in the query; an unknown id gives empty lists.
 */
export async function listMailboxActivity(ctx: TenantContext, mailboxId: string) {
  if (!isUuid(mailboxId)) return { mails: [], audit: null };
  const db = await getDb();
  const [mails, audit] = await Promise.all([
    db.outgoingMail.findMany({
      where: { ...visibleMailWhere({ kind: "person", ctx }), mailboxId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT,
      select: {
        id: true,
        status: true,
        subject: true,
        to: true,
        createdAt: true,
        sentAt: true,
        bodyPurgedAt: true,
      },
    }),
    can(ctx, "audit.read")
      ? db.auditEntry.findMany({
          where: { tenantId: ctx.tenantId, targetType: "mailbox", targetId: mailboxId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: RECENT,
          select: { id: true, action: true, actorLabel: true, createdAt: true, details: true },
        })
      : null,
  ]);
  return { mails, audit };
}

export type MailboxActivity = Awaited<ReturnType<typeof listMailboxActivity>>;
