import type { Pool, PoolClient } from "pg";
import type { Db } from "./client";

/**
 * Statements of the hot paths (the API's submission, the relay, the worker's claim and settle), run by name:
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
  /**
   * Runs `work` in one transaction, its statements on one connection: committed when `work`
   * resolves, rolled back when it throws (the error is passed on).
   */
  transaction<T>(work: (sql: NamedSql) => Promise<T>): Promise<T>;
}

/** The database's clock in UTC, as the columns hold it, for statement texts. */
export const NAMED_SQL_NOW = `(now() AT TIME ZONE 'UTC')`;

function clientSql(client: PoolClient, prefix: string): NamedSql {
  const sql: NamedSql = {
    async query<T>(name: string, text: string, values: unknown[]) {
      return (await client.query({ name: `${prefix}_${name}`, text, values })).rows as T[];
    },
    // Already in one: the statements join it.
    transaction: (work) => work(sql),
  };
  return sql;
}

export function poolSql(pool: Pool, prefix: string): NamedSql {
  return {
    async query<T>(name: string, text: string, values: unknown[]) {
      return (await pool.query({ name: `${prefix}_${name}`, text, values })).rows as T[];
    },
    async transaction<T>(work: (sql: NamedSql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        try {
          const result = await work(clientSql(client, prefix));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          // A connection that cannot even roll back is closed rather than handed to the next caller.
          await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
          throw error;
        }
      } finally {
        client.release(broken);
      }
    },
  };
}

export function prismaSql(db: () => Promise<Db>): NamedSql {
  return {
    async query<T>(_name: string, text: string, values: unknown[]) {
      return (await db()).$queryRawUnsafe<T[]>(text, ...values);
    },
    async transaction<T>(work: (sql: NamedSql) => Promise<T>): Promise<T> {
      return (await db()).$transaction((tx) => {
        const sql: NamedSql = {
          query: <R>(_name: string, text: string, values: unknown[]) =>
            tx.$queryRawUnsafe<R[]>(text, ...values),
          transaction: (inner) => inner(sql),
        };
        return work(sql);
      });
    },
  };
}
