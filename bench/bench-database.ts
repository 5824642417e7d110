import { randomBytes } from "node:crypto";
import { Client } from "pg";

// The benchmarks' own database: created on the PostgreSQL server named by
// TEST_DATABASE_URL (or DATABASE_URL), on this machine only, migrated with the
// project's migrations, and dropped at the end (kept with BENCH_KEEP_DATABASE=1).

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) {
    console.error(
      "Set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server where the benchmark may create a database.",
    );
    process.exit(2);
  }
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname)) {
    console.error("The benchmark only connects to a PostgreSQL server on this machine.");
    process.exit(2);
  }
  return url;
}

async function onServer<T>(server: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new migrated database `relais_bench_<random>`: its URL, and how to drop it. */
export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = serverUrl();
  const name = `relais_bench_${randomBytes(4).toString("hex")}`;
  await onServer(server, (c) => c.query(`CREATE DATABASE "${name}"`));
  const copy = new URL(server);
  copy.pathname = `/${name}`;
  const url = copy.toString();
  const drop = async () => {
    if (process.env.BENCH_KEEP_DATABASE) console.log(`kept the database ${name}`);
    // WITH (FORCE) ends any connection still open after a failure.
    else await onServer(server, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  try {
    const { applyMigrations } = await import("../lib/db/migrations");
    const { pgRunner } = await import("../lib/db/sql-runners");
    await onServer(url, (c) => applyMigrations(pgRunner(c)));
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}
