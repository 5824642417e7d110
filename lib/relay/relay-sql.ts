import type { Pool } from "pg";
import type { Db } from "@/lib/db/client";

/**
 * The relay's few statements go through this: in `npm run relay` a `pg` pool
 * of its own with named (prepared) statements, so that PostgreSQL plans each
 * once per connection and the process carries no ORM (docs/smtp-relay.md); in
 * the embedded first run and in tests, the process's Prisma client.
 */
export interface RelaySql {
  /** `name` identifies the statement, for a prepared statement where the driver keeps them. */
  query<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /** Whether several messages may be queued in one statement (arrays of bytea as parameters). */
  readonly groupsInserts: boolean;
}

/** The database's clock, in UTC as the columns hold it (see lib/db/sql-now.ts). */
export const RELAY_NOW = `(now() AT TIME ZONE 'UTC')`;

export function pgRelaySql(pool: Pool): RelaySql {
  return {
    groupsInserts: true,
    async query<T>(name: string, text: string, values: unknown[]) {
      const result = await pool.query({ name: `relay_${name}`, text, values });
      return result.rows as T[];
    },
  };
}

export function prismaRelaySql(db: () => Promise<Db>): RelaySql {
  return {
    // The embedded database serves one connection: nothing to gain.
    groupsInserts: false,
    async query<T>(_name: string, text: string, values: unknown[]) {
      return (await db()).$queryRawUnsafe<T[]>(text, ...values);
    },
  };
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

/** A unique constraint refused an INSERT: `pg` gives SQLSTATE 23505, Prisma's raw path wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  const record = error as {
    code?: unknown;
    message?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
  } | null;
  return (
    record?.code === "23505" ||
    record?.meta?.code === "23505" ||
    record?.meta?.driverAdapterError?.cause?.originalCode === "23505" ||
    record?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    /\b23505\b|unique constraint/i.test(String(record?.message ?? ""))
  );
}
