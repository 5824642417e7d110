import { forbidden } from "@/lib/auth/errors";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/escape-like";
import type { Prisma } from "@/lib/db/generated/client";
import type { MailboxListQuery } from "./mailbox-list-query";

export const mailboxPageSize = 50;

/** One page of the tenant's mailboxes, by address, with the filters of the table. */
export async function listMailboxes(ctx: TenantContext, query: MailboxListQuery) {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  const db = await getDb();
  const now = new Date();
  const search = query.search ? escapeLike(query.search) : undefined;
  const where: Prisma.MailboxWhereInput = {
    tenantId: ctx.tenantId,
    ...(query.state ? { state: query.state } : {}),
    ...(search
      ? {
          OR: [
            { address: { contains: search, mode: "insensitive" } },
            { displayName: { contains: search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.mailbox.count({ where }),
    db.mailbox.findMany({
      where,
      orderBy: { address: "asc" },
      skip: (query.page - 1) * mailboxPageSize,
      take: mailboxPageSize,
      select: {
        id: true,
        address: true,
        displayName: true,
        state: true,
        refreshTokenExpiresAt: true,
        lastErrorCode: true,
        clientConfiguration: { select: { id: true, name: true, provider: true } },
        assignments: {
          where: { tenantId: ctx.tenantId },
          select: { user: { select: { email: true, name: true } } },
          orderBy: { user: { email: "asc" } },
        },
        connectLinks: {
          where: { tenantId: ctx.tenantId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
          select: { expiresAt: true },
          orderBy: { expiresAt: "desc" },
          take: 1,
        },
      },
    }),
  ]);
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / mailboxPageSize)),
    mailboxes: rows.map(({ assignments, connectLinks, clientConfiguration, ...row }) => ({
      ...row,
      configuration: clientConfiguration,
      members: assignments.map((a) => a.user),
      openConnectLinkExpiresAt: connectLinks[0]?.expiresAt ?? null,
    })),
  };
}

export type MailboxListItem = Awaited<ReturnType<typeof listMailboxes>>["mailboxes"][number];
