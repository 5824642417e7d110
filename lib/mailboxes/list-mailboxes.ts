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

/**
 * The first page counts at most this many matching rows: an exact count walks
 * every one of them, and past a thousand the number helps nobody choose.
 */
export const mailboxCountCap = 1000;

const flip = (dir: Prisma.SortOrder): Prisma.SortOrder => (dir === "asc" ? "desc" : "asc");

// Every sort ends on the address, unique per tenant, so that pages never overlap.
// `reversed` walks the same order backwards, empty expiries and last uses included.
function orderBy(
  sort: MailboxSort,
  dir: Prisma.SortOrder,
  reversed = false,
): Prisma.MailboxOrderByWithRelationInput[] {
  const d = reversed ? flip(dir) : dir;
  const nulls = reversed ? "first" : "last";
  switch (sort) {
    case "name":
      return [{ displayName: d }, { address: d }];
    case "state":
      return [{ state: d }, { address: d }];
    case "expiry":
      return [{ refreshTokenExpiresAt: { sort: d, nulls } }, { address: d }];
    case "lastUsed":
      return [{ lastUsedAt: { sort: d, nulls } }, { address: d }];
    default:
      return [{ address: d }];
  }
}

/**
 * Where to read a page: OFFSET costs a walk over every skipped row, so a page
 * in the second half is read from the end (the last page of 20,000 mailboxes
 * skips nothing) and turned around.
 */
function pageWindow(total: number, page: number, pageSize: number) {
  const skip = (page - 1) * pageSize;
  if (skip < total / 2 || skip >= total) return { reversed: false, skip, take: pageSize };
  const take = Math.min(pageSize, total - skip);
  return { reversed: true, skip: total - skip - take, take };
}

/** One page of the tenant's mailboxes, filtered, sorted and paged in the database. */
export async function listMailboxes(ctx: TenantContext, query: MailboxListQuery) {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  const db = await getDb();
  const now = new Date();
  const where = mailboxFilterWhere(ctx, query);
  const pageSize = mailboxPageSizes.find((size) => size === query.pageSize) ?? defaultMailboxPageSize;
  const sort = query.sort ?? "address";
  const dir = query.dir ?? "asc";
  // The first page needs no total to be placed: both queries at once, and a
  // capped count. A later page needs the exact total to be read from the end.
  const counted = query.page > 1 ? await db.mailbox.count({ where }) : null;
  const window = pageWindow(counted ?? Infinity, query.page, pageSize);
  const [total, found] = await Promise.all([
    counted ?? db.mailbox.count({ where, take: mailboxCountCap + 1 }),
    db.mailbox.findMany({
      where,
      orderBy: orderBy(sort, dir, window.reversed),
      skip: window.skip,
      take: window.take,
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
  const rows = window.reversed ? found.reverse() : found;
  const capped = counted === null && total > mailboxCountCap;
  return {
    /** At most `mailboxCountCap` when `capped`: "1,000+". */
    total: capped ? mailboxCountCap : total,
    capped,
    page: query.page,
    pageSize,
    /** Unknown (null) when the count was capped: there are more pages than it shows. */
    pageCount: capped ? null : Math.max(1, Math.ceil(total / pageSize)),
    mailboxes: rows.map(({ assignments, connectLinks, clientConfiguration, ...row }) => ({
      ...row,
      configuration: clientConfiguration,
      members: assignments.map((a) => a.user),
      openConnectLinkExpiresAt: connectLinks[0]?.expiresAt ?? null,
    })),
  };
}

export type MailboxListItem = Awaited<ReturnType<typeof listMailboxes>>["mailboxes"][number];
