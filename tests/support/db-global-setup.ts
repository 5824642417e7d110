import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/db/migrations";
import { pgliteExtensions } from "../../lib/db/pglite-extensions";
import { pgliteRunner, pgRunner } from "../../lib/db/sql-runners";
import { acquireTestPostgres } from "./embedded-postgres-setup";
import { newTemplateDatabaseName, pgliteTestsRequested, withDatabase } from "./postgres-url";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    templateDatabase: string;
  }
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Migrates once per run: a template database on PostgreSQL, which each test
 * file copies (the server named by TEST_DATABASE_URL, else one started for
 * this run, see embedded-postgres-setup.ts); with RELAIS_TEST_DB=pglite, a
 * dump of a migrated PGlite, which each test file loads.
 */
export default async function setup(project: TestProject) {
  if (pgliteTestsRequested()) return setupPglite(project);
  const server = await acquireTestPostgres();
  const template = newTemplateDatabaseName();
  try {
    await onServer(server.url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await onServer(server.url, `CREATE DATABASE "${template}"`);
    const client = new Client({ connectionString: withDatabase(server.url, template) });
    await client.connect();
    try {
      await applyMigrations(pgRunner(client));
    } finally {
      await client.end();
    }
  } catch (error) {
    await server.release();
    throw error;
  }
  project.provide("pgliteDump", "");
  project.provide("templateDatabase", template);
  return async () => {
    try {
      await onServer(server.url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    } finally {
      await server.release();
    }
  };
}

async function setupPglite(project: TestProject) {
  console.log(
    "[relais tests] RELAIS_TEST_DB=pglite: database tests run on embedded PGlite" +
      (process.env.TEST_DATABASE_URL ? " (TEST_DATABASE_URL is ignored)" : "") +
      "; tests that need a real PostgreSQL server say NOT RUN, and browser tests are skipped.",
  );
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  await applyMigrations(pgliteRunner(pglite));
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  const dir = await mkdtemp(path.join(os.tmpdir(), "relais-test-"));
  const file = path.join(dir, "migrated.tar");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteDump", file);
  project.provide("templateDatabase", "");
  return () => rm(dir, { recursive: true, force: true });
}
