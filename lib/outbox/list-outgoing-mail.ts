import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { visibleMailWhere } from "./mail-sender";
import { outgoingStatuses, type OutboxListQuery } from "./outbox-list-query";

export const OUTBOX_PAGE_SIZE = 50;

/**
 * The mail this person may see (admins: the tenant's; members: that of their
 * mailboxes), newest first, filtered; with counts per status for the same scope.
 * Relayed mail carries its credential's name and the client's address; the
 * message itself (`raw`) is never read here.
 */
export async function listOutgoingMail(ctx: TenantContext, query: OutboxListQuery) {
  const db = await getDb();
  const visible = visibleMailWhere({ kind: "person", ctx });
  const where: Prisma.OutgoingMailWhereInput = {
    ...visible,
    ...(query.mailboxId && isUuid(query.mailboxId) ? { mailboxId: query.mailboxId } : {}),
    // Beside the tenant in `visible`: another school's credential id matches nothing.
    ...(query.credentialId && isUuid(query.credentialId) ? { relayCredentialId: query.credentialId } : {}),
    ...(query.search
      ? {
          OR: [
            { subject: { contains: query.search, mode: "insensitive" } },
            { to: { has: query.search.toLowerCase() } },
            { cc: { has: query.search.toLowerCase() } },
            { bcc: { has: query.search.toLowerCase() } },
          ],
        }
      : {}),
  };
  const [rows, total, grouped] = await Promise.all([
    db.outgoingMail.findMany({
      where: { ...where, ...(query.status ? { status: query.status } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE + 1,
      select: {
        id: true,
        status: true,
        subject: true,
        to: true,
        recipientCount: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
        nextAttemptAt: true,
        bodyPurgedAt: true,
        source: true,
        // Joined through (tenantId, relayCredentialId): only ever the school's own credential.
        relayCredential: { select: { id: true, name: true } },
        clientIp: true,
        mailbox: { select: { address: true } },
      },
    }),
    db.outgoingMail.count({ where: { ...where, ...(query.status ? { status: query.status } : {}) } }),
    db.outgoingMail.groupBy({ by: ["status"], where, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(outgoingStatuses.map((s) => [s, 0])) as Record<
    (typeof outgoingStatuses)[number],
    number
  >;
  for (const group of grouped) counts[group.status] = group._count._all;
  return { mails: rows.slice(0, OUTBOX_PAGE_SIZE), hasMore: rows.length > OUTBOX_PAGE_SIZE, total, counts };
}
