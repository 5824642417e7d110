import type { PGlite } from "@electric-sql/pglite";
import type { Client } from "pg";
import type { SqlRunner } from "./migrations";

export function pgliteRunner(pglite: PGlite): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pglite.query<T>(sql, params)).rows;
    },
    async execInTransaction(statements, after) {
      await pglite.transaction(async (tx) => {
        await tx.exec(statements);
        await tx.query(after.sql, after.params);
      });
    },
  };
}

export function pgRunner(client: Client): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async execInTransaction(statements, after) {
      await client.query("BEGIN");
      try {
        await client.query(statements);
        await client.query(after.sql, after.params);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
  };
}
