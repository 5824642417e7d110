import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { listMigrations, type Migration, type SqlRunner } from "@/lib/db/migrations";
import { pgliteExtensions } from "@/lib/db/pglite-extensions";
import { pgliteRunner, pgRunner } from "@/lib/db/sql-runners";
import { testDatabaseUrl, withDatabase } from "./postgres-url";

// For the tests of one migration: a database with nothing in it, migrated by hand up to that migration.

/** A fresh, empty database: on this run's PostgreSQL server, or an embedded PGlite (RELAIS_TEST_DB=pglite). */
export async function freshDatabase(): Promise<{ runner: SqlRunner; close: () => Promise<void> }> {
  const serverUrl = testDatabaseUrl();
  if (!serverUrl) {
    const pglite = await PGlite.create({ extensions: pgliteExtensions });
    return { runner: pgliteRunner(pglite), close: () => pglite.close() };
  }
  const name = `relais_t_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const client = new Client({ connectionString: withDatabase(serverUrl, name) });
  await client.connect();
  return {
    runner: pgRunner(client),
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function errorOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export type FreshDatabase = Awaited<ReturnType<typeof freshDatabase>>;

/** What a migration applied by hand records in the migrations table: nothing (`SELECT 1`). */
export const unrecorded = { sql: "SELECT 1", params: [] };

/**
 * A fresh database with every migration before `name` applied, and that
 * migration itself (not applied), to test what it does to the rows found there.
 */
export async function databaseBefore(name: string): Promise<{ database: FreshDatabase; target: Migration }> {
  const database = await freshDatabase();
  const migrations = await listMigrations();
  const index = migrations.findIndex((m) => m.name === name);
  if (index < 1) throw new Error(`no migration ${name} after the first`);
  for (const migration of migrations.slice(0, index)) {
    await database.runner.execInTransaction(migration.sql, unrecorded);
  }
  return { database, target: migrations[index]! };
}
