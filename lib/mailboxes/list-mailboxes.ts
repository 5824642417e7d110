import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type {
  ConnectionState,
  MailTransport,
  OAuthProviderKind,
  ProviderRevocationOutcome,
} from "@/lib/db/generated/enums";
import { storedGrantEnd } from "@/lib/connections/stored-grant-end";
import type { MailboxCursor, MailboxSort } from "./mailbox-cursor";
import { mailboxFilterSql } from "./mailbox-filter";
import { mailboxHealth } from "@/lib/mailbox-health/mailbox-health";
import {
  defaultMailboxPageSize,
  mailboxPageSizes,
  type MailboxListQuery,
  type MailboxPagePosition,
} from "./mailbox-list-query";
import { mailboxPageSql, type MailboxPageRow } from "./mailbox-page-sql";

/**
 * Every page counts at most this many matching rows: an exact count walks
 * every one of them, and past a thousand the number helps nobody choose (a
 * bulk action's confirmation counts exactly what it will touch).
 */
export const mailboxCountCap = 1000;

function mailboxOf(row: MailboxPageRow & { id: string }, now: Date) {
  const members =
    typeof row.members === "string" ? (JSON.parse(row.members) as typeof row.members) : row.members;
  const state = row.state as ConnectionState;
  const grantEnd = storedGrantEnd(row);
  // A refused configuration names the cause when the mailbox itself has none (getConnectionDetails does the same).
  const lastErrorCode =
    row.lastErrorCode ?? (state === "config_error" ? row.configurationBrokenReason : null);
  return {
    id: row.id,
    address: row.address,
    displayName: row.displayName,
    state,
    refreshTokenExpiresAt: row.refreshTokenExpiresAt,
    /** The forecast end of its authorization: the list's expiry column and sort. */
    grantEnd,
    lastUsedAt: row.lastUsedAt,
    lastErrorCode: row.lastErrorCode,
    health: mailboxHealth(
      {
        state,
        lastErrorCode,
        lastErrorAt: row.lastErrorAt,
        hasRefreshToken: row.hasRefreshToken,
        accessTokenExpiresAt: row.accessTokenExpiresAt,
        grantEnd,
        pausedUntil: row.pausedUntil,
        pauseReason: row.pauseReason,
        waitingMail: row.waitingMail,
        transport: row.transport as MailTransport,
        providerRevocation: row.providerRevocation
          ? {
              outcome: row.providerRevocation as ProviderRevocationOutcome,
              code: row.providerRevocationCode,
              provider: row.configurationProvider as OAuthProviderKind,
            }
          : null,
      },
      now,
    ),
    configuration: {
      id: row.configurationId,
      name: row.configurationName,
      provider: row.configurationProvider as OAuthProviderKind,
    },
    members: members as { email: string; name: string }[],
    openConnectLinkExpiresAt: row.openConnectLinkExpiresAt,
  };
}

export type MailboxListItem = ReturnType<typeof mailboxOf>;

/** The sort key of a row, for the cursor of the page after or before it. */
function cursorOf(sort: MailboxSort, row: MailboxListItem): MailboxCursor {
  const value = {
    address: null,
    name: row.displayName,
    state: row.state,
    expiry: row.grantEnd?.at.toISOString() ?? null,
    lastUsed: row.lastUsedAt?.toISOString() ?? null,
  }[sort];
  return { value, address: row.address };
}

/**
 * One page of the tenant's mailboxes, filtered, sorted and paged in the
 * database by keyset: a page is read from the edge of the previous one (or
 * from either end), so its cost does not grow with how deep it is.
 */
export async function listMailboxes(ctx: TenantContext, query: MailboxListQuery) {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  const db = await getDb();
  const pageSize = mailboxPageSizes.find((size) => size === query.pageSize) ?? defaultMailboxPageSize;
  const sort = query.sort ?? "address";
  const filter = mailboxFilterSql(ctx, query);
  const now = new Date();

  /** pageSize rows in table order, and whether more lie beyond them in the reading direction. */
  async function read(backwards: boolean, cursor?: MailboxCursor) {
    const rows = await db.$queryRaw<MailboxPageRow[]>(
      mailboxPageSql({
        tenantId: ctx.tenantId,
        filter,
        searching: Boolean(query.search),
        sort,
        dir: query.dir ?? "asc",
        backwards,
        cursor,
        limit: pageSize + 1,
        countLimit: mailboxCountCap + 1,
        now,
      }),
    );
    const found = rows
      .filter((row): row is MailboxPageRow & { id: string } => row.id !== null)
      .map((row) => mailboxOf(row, now));
    const page = found.slice(0, pageSize);
    return {
      total: rows[0]?.total ?? 0,
      mailboxes: backwards ? page.reverse() : page,
      more: found.length > pageSize,
    };
  }

  const position: MailboxPagePosition = query.position ?? { at: "first" };
  let page: Awaited<ReturnType<typeof read>>;
  let atStart: boolean;
  let atEnd: boolean;
  if (position.at === "after") {
    page = await read(false, position.cursor);
    atStart = false;
    atEnd = !page.more;
  } else if (position.at === "before") {
    page = await read(true, position.cursor);
    atStart = !page.more;
    atEnd = false;
  } else if (position.at === "last") {
    page = await read(true);
    atStart = !page.more;
    atEnd = true;
  } else {
    page = await read(false);
    atStart = true;
    atEnd = !page.more;
  }
  // Past either end (rows deleted since the link was made), or a "previous"
  // page shorter than a page: show the end, or the first page, in full.
  if (position.at === "after" && page.mailboxes.length === 0) {
    page = await read(true);
    atStart = !page.more;
    atEnd = true;
  } else if (position.at === "before" && atStart && page.mailboxes.length < pageSize) {
    page = await read(false);
    atStart = true;
    atEnd = !page.more;
  }

  const capped = page.total > mailboxCountCap;
  const { mailboxes } = page;
  return {
    /** At most `mailboxCountCap` when `capped`: "more than 1,000". */
    total: capped ? mailboxCountCap : page.total,
    capped,
    pageSize,
    mailboxes,
    /** The links of the pager: null where there is no such page. */
    previous:
      atStart || mailboxes.length === 0
        ? null
        : ({ at: "before", cursor: cursorOf(sort, mailboxes[0]!) } satisfies MailboxPagePosition),
    next:
      atEnd || mailboxes.length === 0
        ? null
        : ({ at: "after", cursor: cursorOf(sort, mailboxes.at(-1)!) } satisfies MailboxPagePosition),
    atStart,
    atEnd,
  };
}
