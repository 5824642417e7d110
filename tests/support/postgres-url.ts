/**
 * RELAIS_TEST_DB=pglite: database tests run on embedded PGlite, as the demo
 * and a first run do, with no PostgreSQL server; tests that need one do not
 * run, and say so. Any other value is a mistake.
 */
export function pgliteTestsRequested(): boolean {
  const choice = process.env.RELAIS_TEST_DB;
  if (!choice) return false;
  if (choice === "pglite") return true;
  throw new Error(`RELAIS_TEST_DB=${choice} is not understood: leave it unset, or set it to "pglite".`);
}

/**
 * The PostgreSQL server tests create their databases on: TEST_DATABASE_URL,
 * set by hand or, when it was not, by the global setup, which starts a server
 * of its own (tests/support/embedded-postgres-setup.ts). Undefined with
 * RELAIS_TEST_DB=pglite, and in vitest's main process before that setup.
 */
export function testDatabaseUrl(): string | undefined {
  if (pgliteTestsRequested()) return undefined;
  return process.env.TEST_DATABASE_URL || undefined;
}

/** A fresh name per test run, so that two runs on one server do not collide. */
export function newTemplateDatabaseName(): string {
  return `relais_template_${process.pid}_${Date.now().toString(36)}`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
