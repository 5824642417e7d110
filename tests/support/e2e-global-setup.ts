import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/db/migrations";
import { startFakeProviders } from "../../dev/fake-providers";
import { pgRunner } from "../../lib/db/sql-runners";
import { ensureProductionBuild } from "../../scripts/production-build";
import { startProductionServer } from "./e2e-server";
import { acquireTestPostgres } from "./embedded-postgres-setup";
import { pgliteTestsRequested, withDatabase } from "./postgres-url";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the production server under test listens; "" when browser tests do not run. */
    e2eBaseUrl: string;
    /** The server's database, which tests seed and read; "" when browser tests do not run. */
    e2eDatabaseUrl: string;
    /** The fake providers' endpoints (tests/support/e2e-fakes.ts), as JSON; "" when browser tests do not run. */
    e2eFakes: string;
  }
}

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Browser tests run against the production build, served by `next start` on
 * a fresh, migrated PostgreSQL database that the tests reach too: on the
 * server of this run (TEST_DATABASE_URL, or one started for the run, see
 * embedded-postgres-setup.ts). Embedded PGlite cannot serve two processes, so
 * with RELAIS_TEST_DB=pglite they do not run, and say so.
 */
export default async function setup(project: TestProject) {
  if (pgliteTestsRequested()) {
    console.log(
      "[relais tests] NOT RUN with RELAIS_TEST_DB=pglite: browser tests (tests/e2e) need a real PostgreSQL " +
        "server shared by the test process and the app server; they are reported as skipped.",
    );
    project.provide("e2eBaseUrl", "");
    project.provide("e2eDatabaseUrl", "");
    project.provide("e2eFakes", "");
    return;
  }
  const postgres = await acquireTestPostgres();
  const serverUrl = postgres.url;
  const root = path.resolve(import.meta.dirname, "..", "..");
  const name = `relais_e2e_${randomBytes(6).toString("hex")}`;
  const databaseUrl = withDatabase(serverUrl, name);
  try {
    await onServer(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  } catch (error) {
    await postgres.release();
    throw error;
  }
  const dropDatabase = () =>
    onServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).finally(
      () => postgres.release(),
    );
  try {
    await onServer(databaseUrl, (client) => applyMigrations(pgRunner(client)));
    await ensureProductionBuild(root, (line) => console.log(line));
    // Started here so that the server (another process) and the tests reach the same fakes.
    const fakes = await startFakeProviders();
    project.provide(
      "e2eFakes",
      JSON.stringify({ google: fakes.google, microsoft: fakes.microsoft, smtp: fakes.smtp }),
    );
    const server = await startProductionServer(root, databaseUrl).catch(async (error: unknown) => {
      await fakes.close();
      throw error;
    });
    console.log(`[relais tests] browser tests use ${server.baseUrl} (server output: ${server.logFile})`);
    project.provide("e2eBaseUrl", server.baseUrl);
    project.provide("e2eDatabaseUrl", databaseUrl);
    return async () => {
      try {
        await server.stop();
        await fakes.close();
      } finally {
        await dropDatabase();
      }
    };
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}
