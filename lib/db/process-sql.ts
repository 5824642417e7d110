import type { Pool } from "pg";
import { currentDbPool, getDb } from "./client";
import { poolSql, prismaSql, type NamedSql } from "./named-sql";

// Apart from named-sql.ts, which the relay imports: this one loads the Prisma client.

const byPool = new WeakMap<Pool, NamedSql>();

/** This process's database, for named statements: its PostgreSQL pool when it has one. */
export async function processSql(): Promise<NamedSql> {
  const db = await getDb();
  const pool = currentDbPool();
  if (!pool) return prismaSql(async () => db);
  let sql = byPool.get(pool);
  if (!sql) byPool.set(pool, (sql = poolSql(pool, "relais")));
  return sql;
}
