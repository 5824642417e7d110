import type { Pool, PoolClient, QueryConfig } from "pg";
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
   * resolves, rolled back when it throws (the error is passed on). Transactions do not nest, and
   * the `sql` handed to `work` refuses statements once the transaction has ended.
   */
  transaction<T>(work: (sql: NamedSql) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export type TransactionOptions = {
  /**
   * How long the transaction may wait and run: for a free connection, and for each of its
   * statements (PostgreSQL's `statement_timeout`, a lock wait included, and as long again for the
   * answer to arrive); on the embedded database, the whole transaction (Prisma's `timeout`).
   * Past it, the transaction fails and is rolled back. Prisma's default, 5 s, when unset.
   */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 5_000;

const nested = () => Promise.reject(new Error("Transactions do not nest: use the transaction's own `sql`"));

/** The database's clock in UTC, as the columns hold it, for statement texts. */
export const NAMED_SQL_NOW = `(now() AT TIME ZONE 'UTC')`;

/**
 * A statement that `pg` gives up waiting on after `ms` (its per-query `query_timeout`, which its
 * types do not declare).
 */
function timed(ms: number, text: string, name?: string, values?: unknown[]): QueryConfig {
  const config: QueryConfig & { query_timeout: number } = { text, name, values, query_timeout: ms };
  return config;
}

/** `pg` gave up waiting for an answer (`timed`): the connection's state is unknown. */
const isReadTimeout = (error: unknown): error is Error =>
  error instanceof Error && error.message === "Query read timeout";

/** One transaction's statements on its connection, until it ends. */
function clientSql(client: PoolClient, prefix: string, timeoutMs: number) {
  let open = true;
  const sql: NamedSql = {
    async query<T>(name: string, text: string, values: unknown[]) {
      if (!open) throw new Error(`The transaction has ended: statement ${name} not sent`);
      // The server cancels a statement past statement_timeout; this covers an answer that never comes.
      return (await client.query(timed(2 * timeoutMs, text, `${prefix}_${name}`, values))).rows as T[];
    },
    transaction: nested,
  };
  return { sql, end: () => (open = false) };
}

/** A connection of the pool within `ms`, or an error; one that comes later goes back to the pool. */
async function connectWithin(pool: Pool, ms: number): Promise<PoolClient> {
  const connecting = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void connecting.then(
        (client) => client.release(),
        () => undefined,
      );
      reject(new Error(`No database connection free within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([connecting, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function poolSql(pool: Pool, prefix: string): NamedSql {
  return {
    async query<T>(name: string, text: string, values: unknown[]) {
      return (await pool.query({ name: `${prefix}_${name}`, text, values })).rows as T[];
    },
    async transaction<T>(work: (sql: NamedSql) => Promise<T>, options?: TransactionOptions): Promise<T> {
      const timeoutMs = Math.max(1, Math.round(options?.timeoutMs ?? DEFAULT_TIMEOUT_MS));
      const client = await connectWithin(pool, timeoutMs);
      const transaction = clientSql(client, prefix, timeoutMs);
      let broken: Error | undefined;
      try {
        // One round trip: the limit holds for this transaction's statements only.
        await client.query(timed(2 * timeoutMs, `BEGIN; SET LOCAL statement_timeout = ${timeoutMs}`));
        try {
          const result = await work(transaction.sql);
          await client.query(timed(2 * timeoutMs, "COMMIT"));
          return result;
        } catch (error) {
          // A connection whose answer never came, or that cannot even roll back, is closed rather
          // than handed to the next caller.
          if (isReadTimeout(error)) broken = error;
          else
            await client
              .query(timed(2 * timeoutMs, "ROLLBACK"))
              .catch((rollback: Error) => (broken = rollback));
          throw error;
        }
      } catch (error) {
        if (isReadTimeout(error)) broken ??= error;
        throw error;
      } finally {
        transaction.end();
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
    async transaction<T>(work: (sql: NamedSql) => Promise<T>, options?: TransactionOptions): Promise<T> {
      const timeout = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      let open = true;
      return (await db())
        .$transaction(
          (tx) =>
            work({
              query: async <R>(name: string, text: string, values: unknown[]) => {
                if (!open) throw new Error(`The transaction has ended: statement ${name} not sent`);
                return tx.$queryRawUnsafe<R[]>(text, ...values);
              },
              transaction: nested,
            }),
          { timeout, maxWait: timeout },
        )
        .finally(() => (open = false));
    },
  };
}
