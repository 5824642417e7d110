import { inject } from "vitest";

/**
 * False when the e2e global setup had no PostgreSQL server to run on, which
 * happens only with RELAIS_TEST_DB=pglite. Test files wrap their tests in
 * `describe.skipIf(!browserTestsRun)`, so that the run reports them as
 * skipped rather than passed.
 */
export const browserTestsRun: boolean = Boolean(inject("e2eBaseUrl"));

export function e2eBaseUrl(): string {
  const url = inject("e2eBaseUrl");
  if (!url) throw new Error("Browser tests do not run with RELAIS_TEST_DB=pglite (see docs/testing.md)");
  return url;
}

export function e2eDatabaseUrl(): string {
  const url = inject("e2eDatabaseUrl");
  if (!url) throw new Error("Browser tests do not run with RELAIS_TEST_DB=pglite (see docs/testing.md)");
  return url;
}
