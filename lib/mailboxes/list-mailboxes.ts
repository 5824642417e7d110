import { forbidden } from "@/lib/auth/errors";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { mailboxFilterWhere } from "./mailbox-filter";
import {
  defaultMailboxPageSize,
  mailboxPageSizes,
  type MailboxListQuery,
  type MailboxSort,
} from "./mailbox-list-query";

export const mailboxPageSize = defaultMailboxPageSize;

// Every sort ends on the address, unique per tenant, so that pages never overlap.
function orderBy(sort: MailboxSort, dir: Prisma.SortOrder): Prisma.MailboxOrderByWithRelationInput[] {
  switch (sort) {
    case "name":
      return [{ displayName: dir }, { address: dir }];
    case "state":
      return [{ state: dir }, { address: dir }];
    case "expiry":
      return [{ refreshTokenExpiresAt: { sort: dir, nulls: "last" } }, { address: dir }];
    case "lastUsed":
      return [{ lastUsedAt: { sort: dir, nulls: "last" } }, { address: dir }];
    default:
      return [{ address: dir }];
  }
}

/** One page of the tenant's mailboxes, filtered, sorted and paged in the database. */
export async function listMailboxes(ctx: TenantContext, query: MailboxListQuery) {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  const db = await getDb();
  const now = new Date();
  const where = mailboxFilterWhere(ctx, query);
  const pageSize = mailboxPageSizes.find((size) => size === query.pageSize) ?? defaultMailboxPageSize;
  const [total, rows] = await Promise.all([
    db.mailbox.count({ where }),
    db.mailbox.findMany({
      where,
      orderBy: orderBy(query.sort ?? "address", query.dir ?? "asc"),
      skip: (query.page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        address: true,
        displayName: true,
        state: true,
        refreshTokenExpiresAt: true,
        lastUsedAt: true,
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
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    mailboxes: rows.map(({ assignments, connectLinks, clientConfiguration, ...row }) => ({
      ...row,
      configuration: clientConfiguration,
      members: assignments.map((a) => a.user),
      openConnectLinkExpiresAt: connectLinks[0]?.expiresAt ?? null,
    })),
  };
}

export type MailboxListItem = Awaited<ReturnType<typeof listMailboxes>>["mailboxes"][number];
