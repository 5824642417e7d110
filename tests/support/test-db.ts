import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Client, Pool } from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { useDb, type Db, type DatabaseKind } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { pgliteExtensions } from "@/lib/db/pglite-extensions";
import { pgliteTestsRequested, testDatabaseUrl, withDatabase } from "./postgres-url";

export interface TestDatabase {
  db: Db;
  kind: DatabaseKind;
  /** The `pg` pool under the client (PostgreSQL only), for the named statements as in production. */
  pool?: Pool;
  /** Connection string of this file's own database (PostgreSQL only). */
  url?: string;
}

async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `relais_t_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDatabase")}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  // A pool of our own, as lib/db/client.ts makes one: the hot paths' named statements go through it.
  const pool = new Pool({ connectionString: url });
  return {
    db: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }),
    kind: "postgresql",
    pool,
    url,
  };
}

async function dropPostgresDatabase(serverUrl: string, url: string) {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}

async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const dump = await readFile(inject("pgliteDump"));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: pgliteExtensions });
  return { db: new PrismaClient({ adapter: new PrismaPGlite(pglite) }), kind: "embedded" };
}

/**
 * Gives this test file a migrated database of its own, installed as the
 * process's database (lib/db/client.ts): on the PostgreSQL server of this run
 * (TEST_DATABASE_URL, set by hand or by the global setup), or an embedded
 * PGlite with RELAIS_TEST_DB=pglite.
 */
export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    const serverUrl = testDatabaseUrl();
    if (!serverUrl && !pgliteTestsRequested()) {
      throw new Error(
        "No test database: TEST_DATABASE_URL is not set in this test process. Run tests through vitest " +
          "with vitest.config.mts, whose db and e2e global setups start PostgreSQL (docs/testing.md).",
      );
    }
    Object.assign(
      handle,
      serverUrl ? await createPostgresDatabase(serverUrl) : await createEmbeddedDatabase(),
    );
    useDb(handle.db, handle.kind, handle.pool);
  });
  afterAll(async () => {
    await handle.db?.$disconnect();
    const serverUrl = testDatabaseUrl();
    if (serverUrl && handle.url) await dropPostgresDatabase(serverUrl, handle.url);
  });
  return handle;
}

/**
 * For tests that only mean something on a real PostgreSQL server (several
 * processes, SKIP LOCKED). Every run has one, except with RELAIS_TEST_DB=pglite:
 * then this prints plainly that the test did not run, and returns false.
 */
export function realPostgresAvailable(what: string): boolean {
  if (!pgliteTestsRequested()) return true;
  console.warn(
    `[relais tests] NOT RUN on PGlite (RELAIS_TEST_DB=pglite; needs a real PostgreSQL server): ${what}`,
  );
  return false;
}
