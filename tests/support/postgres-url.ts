/** The PostgreSQL server tests may create databases on; unset means "embedded only". */
export function testDatabaseUrl(): string | undefined {
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
