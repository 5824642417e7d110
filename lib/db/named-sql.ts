import type { Pool } from "pg";
import type { Db } from "./client";

/**
 * Statements of the hot paths (the API's submission, the relay), run by name:
 * on PostgreSQL through the process's `pg` pool as prepared statements, which
 * PostgreSQL plans once per connection and which skip the ORM's per-query
 * work (bench/README.md, "API load"); on the embedded database, through the
 * Prisma client's raw path, with the same text. Values are positional
 * (`$1`…); times go in as ISO text cast in the statement and come out as
 * `timestamptz`, since the columns hold UTC without a zone (lib/db/sql-now.ts).
 */
export interface NamedSql {
  /** `name` identifies the statement: the same name must always go with the same text. */
  query<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
}

/** The database's clock in UTC, as the columns hold it, for statement texts. */
export const NAMED_SQL_NOW = `(now() AT TIME ZONE 'UTC')`;

export function poolSql(pool: Pool, prefix: string): NamedSql {
  return {
    async query<T>(name: string, text: string, values: unknown[]) {
      return (await pool.query({ name: `${prefix}_${name}`, text, values })).rows as T[];
    },
  };
}

export function prismaSql(db: () => Promise<Db>): NamedSql {
  return {
    async query<T>(_name: string, text: string, values: unknown[]) {
      return (await db()).$queryRawUnsafe<T[]>(text, ...values);
    },
  };
}
