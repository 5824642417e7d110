import { Prisma } from "@/lib/db/generated/client";
import type { MailboxCursor, MailboxSort } from "./mailbox-cursor";

type Direction = "asc" | "desc";

interface SortColumn {
  /** Quoted column name; none for the address sort, where the address is the whole key. */
  column?: string;
  nullable: boolean;
  /** The cursor's value as a parameter of the column's type. */
  value: (value: string) => Prisma.Sql;
}

const sortColumns: Record<MailboxSort, SortColumn> = {
  address: { nullable: false, value: (v) => Prisma.sql`${v}` },
  name: { column: `"displayName"`, nullable: false, value: (v) => Prisma.sql`${v}` },
  state: { column: "state", nullable: false, value: (v) => Prisma.sql`${v}::"ConnectionState"` },
  // Timestamps without zone holding UTC: the ISO cursor's "Z" is ignored by the cast, as it should be.
  // The forecast end of the authorization, kept by a trigger (see the Mailbox model's grantEndsAt).
  expiry: { column: `"grantEndsAt"`, nullable: true, value: (v) => Prisma.sql`${v}::timestamp(3)` },
  lastUsed: { column: `"lastUsedAt"`, nullable: true, value: (v) => Prisma.sql`${v}::timestamp(3)` },
};

const columnOf = (alias: string, column: string) => Prisma.raw(`${alias}.${column}`);

/** The mailbox columns a page shows, read from "Mailbox" (never a token: only whether one is held). */
const shownColumns = `m.id, m.address, m."displayName", m.state, m."refreshTokenExpiresAt", m."grantEndsAt",
  m."connectedAt", m."providerRevocation", m."providerRevocationCode", m."lastUsedAt", m."lastErrorCode", m."lastErrorAt", m."pausedUntil", m."pauseReason", m."accessTokenExpiresAt",
  m.transport, m."clientConfigurationId"`;
const pageColumns = Prisma.raw(`${shownColumns}, m."refreshTokenCipher" IS NOT NULL AS "hasRefreshToken"`);
/** The same, read again from a search's matches, which hold them under these names. */
const matchedColumns = Prisma.raw(`${shownColumns}, m."hasRefreshToken"`);
const orderWord = (dir: Direction) => Prisma.raw(dir === "asc" ? "ASC" : "DESC");

export interface MailboxPageRead {
  tenantId: string;
  /** mailboxFilterSql: the tenant and the filters, on `m`. */
  filter: Prisma.Sql;
  /** A search is read from its matches (see below). */
  searching: boolean;
  sort: MailboxSort;
  dir: Direction;
  /** Forwards in the table's order, or backwards (for "previous" and "last"). */
  backwards: boolean;
  /** Rows strictly beyond this one in the reading direction; from the start (or end) when absent. */
  cursor?: MailboxCursor;
  limit: number;
  /** Counting stops after this many matches. */
  countLimit: number;
  now: Date;
}

/**
 * One statement for one page of the mailbox table: at most `countLimit`
 * matching rows counted, and `limit` rows in reading order with their
 * configuration, members and open connect link. Every row read is a row shown:
 *
 * - the order is `(sorted column, address)` in one direction, and each index
 *   `[tenantId, column, address]` holds it, so a page after (or before) a
 *   cursor is the range `(column, address) > (value, address)` of that index,
 *   not a walk over the rows before it;
 * - empty expiries and last uses come last in both directions, which no
 *   single index order gives for "descending", so nullable sorts read two
 *   ranges (non-empty, then empty by address), each limited, in turn;
 * - a search first collects its matches through the trigram index
 *   (MATERIALIZED: else the planner may walk the tenant's address order
 *   hoping to meet enough matches early), then orders those.
 */
export function mailboxPageSql(read: MailboxPageRead): Prisma.Sql {
  const key = sortColumns[read.sort];
  const dir: Direction = read.backwards ? (read.dir === "asc" ? "desc" : "asc") : read.dir;
  const compare = Prisma.raw(dir === "asc" ? ">" : "<");
  const source = read.searching ? Prisma.raw("matches") : Prisma.raw(`"Mailbox"`);
  const where = read.searching ? [] : [read.filter];

  // Ranges in table order: [non-empty, empty] for a nullable column, else one.
  const ranges = key.nullable ? (["filled", "empty"] as const) : (["all"] as const);
  const inReadingOrder = read.backwards ? [...ranges].reverse() : [...ranges];
  const cursorRange =
    read.cursor === undefined ? undefined : key.nullable && read.cursor.value === null ? "empty" : ranges[0];
  const startAt = cursorRange === undefined ? 0 : inReadingOrder.indexOf(cursorRange);

  const selects = inReadingOrder.slice(startAt).map((range, index) => {
    const conditions = [...where];
    const keyed = key.column !== undefined && range !== "empty";
    if (key.column !== undefined && range !== "all") {
      const column = columnOf("m", key.column);
      conditions.push(range === "filled" ? Prisma.sql`${column} IS NOT NULL` : Prisma.sql`${column} IS NULL`);
    }
    if (read.cursor && range === cursorRange) {
      conditions.push(
        keyed && read.cursor.value !== null
          ? Prisma.sql`(${columnOf("m", key.column!)}, m.address) ${compare} (${key.value(read.cursor.value)}, ${read.cursor.address})`
          : Prisma.sql`m.address ${compare} ${read.cursor.address}`,
      );
    }
    const order = keyed
      ? Prisma.sql`${columnOf("m", key.column!)} ${orderWord(dir)}, m.address ${orderWord(dir)}`
      : Prisma.sql`m.address ${orderWord(dir)}`;
    return Prisma.sql`(SELECT ${read.searching ? matchedColumns : pageColumns}, ${index}::int AS part
      FROM ${source} m
      WHERE ${conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`}
      ORDER BY ${order}
      LIMIT ${read.limit})`;
  });

  const finalOrder =
    key.column !== undefined
      ? Prisma.sql`p.part, ${columnOf("p", key.column)} ${orderWord(dir)}, p.address ${orderWord(dir)}`
      : Prisma.sql`p.part, p.address ${orderWord(dir)}`;
  const matches = read.searching
    ? Prisma.sql`matches AS MATERIALIZED (
        SELECT ${pageColumns} FROM "Mailbox" m WHERE ${read.filter}),`
    : Prisma.empty;

  return Prisma.sql`WITH ${matches}
    counted AS (
      SELECT count(*)::int AS total
      FROM (SELECT 1 FROM ${source} m WHERE ${where.length > 0 ? where[0]! : Prisma.sql`TRUE`} LIMIT ${read.countLimit}) s),
    page AS (${Prisma.join(selects, " UNION ALL ")})
    SELECT counted.total, p.id, p.address, p."displayName", p.state::text AS state,
      p."refreshTokenExpiresAt", p."grantEndsAt", p."connectedAt", p."lastUsedAt",
      p."providerRevocation"::text AS "providerRevocation", p."providerRevocationCode", p."lastErrorCode", p."lastErrorAt",
      p."pausedUntil", p."pauseReason", p."accessTokenExpiresAt", p."hasRefreshToken",
      COALESCE(p.transport, c.transport)::text AS transport,
      c.id AS "configurationId", c.name AS "configurationName", c.provider::text AS "configurationProvider",
      c."brokenReason" AS "configurationBrokenReason",
      -- The mail a stopped mailbox holds, for its health line; a mailbox that sends needs no count.
      CASE WHEN p.state <> 'connected' OR p."pausedUntil" > ${read.now.toISOString()}::timestamp(3) THEN
        (SELECT count(*)::int FROM "OutgoingMail" o
          WHERE o."tenantId" = ${read.tenantId}::uuid AND o."mailboxId" = p.id AND o.status IN ('queued', 'held'))
      ELSE 0 END AS "waitingMail",
      (SELECT COALESCE(json_agg(json_build_object('email', u.email, 'name', u.name) ORDER BY u.email), '[]'::json)
        FROM "MailboxAssignment" a JOIN "User" u ON u.id = a."userId"
        WHERE a."tenantId" = ${read.tenantId}::uuid AND a."mailboxId" = p.id) AS members,
      (SELECT max(l."expiresAt") FROM "ConnectLink" l
        WHERE l."tenantId" = ${read.tenantId}::uuid AND l."mailboxId" = p.id AND l."usedAt" IS NULL
          AND l."revokedAt" IS NULL AND l."expiresAt" > ${read.now.toISOString()}::timestamp(3)) AS "openConnectLinkExpiresAt"
    FROM counted
    LEFT JOIN page p ON TRUE
    LEFT JOIN "ClientConfiguration" c ON c.id = p."clientConfigurationId" AND c."tenantId" = ${read.tenantId}::uuid
    ORDER BY ${finalOrder}
    LIMIT ${read.limit}`;
}

/** A row of mailboxPageSql: one with only `total` when no mailbox matched. */
export interface MailboxPageRow {
  total: number;
  id: string | null;
  address: string;
  displayName: string;
  state: string;
  refreshTokenExpiresAt: Date | null;
  grantEndsAt: Date | null;
  /** The grant's date: with grantEndsAt, the forecast's reason (storedGrantEnd). */
  connectedAt: Date | null;
  /** A revoked mailbox: what became of the withdrawal at the provider (its health line says it). */
  providerRevocation: string | null;
  providerRevocationCode: string | null;
  lastUsedAt: Date | null;
  lastErrorCode: string | null;
  lastErrorAt: Date | null;
  pausedUntil: Date | null;
  pauseReason: string | null;
  accessTokenExpiresAt: Date | null;
  hasRefreshToken: boolean;
  /** Its own transport, else its configuration's. */
  transport: string;
  configurationId: string;
  configurationName: string;
  configurationProvider: string;
  configurationBrokenReason: string | null;
  waitingMail: number;
  members: { email: string; name: string }[] | string;
  openConnectLinkExpiresAt: Date | null;
}
