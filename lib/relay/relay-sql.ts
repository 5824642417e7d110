import type { Pool } from "pg";
import type { Db } from "@/lib/db/client";
import { NAMED_SQL_NOW, poolSql, prismaSql, type NamedSql } from "@/lib/db/named-sql";

/**
 * The relay's few statements go through this: in `npm run relay` a `pg` pool
 * of its own with named (prepared) statements, so that PostgreSQL plans each
 * once per connection and the process carries no ORM (docs/smtp-relay.md); in
 * the embedded first run and in tests, the process's Prisma client.
 */
export interface RelaySql extends NamedSql {
  /** Whether several messages may be queued in one statement (arrays of bytea as parameters). */
  readonly groupsInserts: boolean;
}

/** The database's clock, in UTC as the columns hold it (see lib/db/sql-now.ts). */
export const RELAY_NOW = NAMED_SQL_NOW;

export function pgRelaySql(pool: Pool): RelaySql {
  return { groupsInserts: true, ...poolSql(pool, "relay") };
}

export function prismaRelaySql(db: () => Promise<Db>): RelaySql {
  // The embedded database serves one connection: nothing to gain.
  return { groupsInserts: false, ...prismaSql(db) };
}

/** The SQLSTATE of a database error, from `pg` or through Prisma's raw path; null for anything else. */
export function sqlState(error: unknown): string | null {
  const record = error as {
    code?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } };
  } | null;
  const candidates = [
    record?.code,
    record?.meta?.code,
    record?.meta?.driverAdapterError?.cause?.originalCode,
  ];
  const code = candidates.find((value) => typeof value === "string" && /^[0-9A-Z]{5}$/.test(value));
  return typeof code === "string" ? code : null;
}

/** PostgreSQL refused a value itself (class 22, data exception): the message, not the database, is at fault. */
export function isDataException(error: unknown): boolean {
  return sqlState(error)?.startsWith("22") === true;
}
