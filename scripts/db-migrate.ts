import { Client } from "pg";
import { applyMigrations } from "../lib/db/migrations";
import { pgRunner } from "../lib/db/sql-runners";
import { startLogging } from "../lib/log/logger";

// Usage: DATABASE_URL=postgresql://… npm run db:migrate
// The embedded database needs no command: it migrates itself when it opens.
// Its answer goes to standard output; a failure is logged (standard error).
const log = startLogging("cli");

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      "DATABASE_URL is not set. The embedded database migrates itself on start; " +
        "set DATABASE_URL to migrate a PostgreSQL database.",
    );
    process.exit(2);
  }
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const applied = await applyMigrations(pgRunner(client));
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  // The driver's message, never the URL (it may hold a password).
  log.error({ err: error }, "Migration failed");
  process.exit(1);
});
