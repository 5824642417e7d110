import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/db/migrations";
import { pgliteExtensions } from "../../lib/db/pglite-extensions";
import { pgliteRunner, pgRunner } from "../../lib/db/sql-runners";
import { newTemplateDatabaseName, testDatabaseUrl, withDatabase } from "./postgres-url";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    templateDatabase: string;
  }
}

/**
 * Migrates once per run: a template database on PostgreSQL (each test file
 * copies it), or a dump of a migrated PGlite (each test file loads it).
 */
export default async function setup(project: TestProject) {
  const url = testDatabaseUrl();
  if (url) {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const template = newTemplateDatabaseName();
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    const client = new Client({ connectionString: withDatabase(url, template) });
    await client.connect();
    await applyMigrations(pgRunner(client));
    await client.end();
    project.provide("pgliteDump", "");
    project.provide("templateDatabase", template);
    return async () => {
      const cleanup = new Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await cleanup.end();
    };
  }
  console.log(
    "[relais tests] TEST_DATABASE_URL is not set: database tests run on embedded PGlite; " +
      "tests that need a real PostgreSQL server will say that they did not run.",
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
