import { Pool } from "pg";
import { startLogging } from "../lib/log/logger";
import { exposition, watchPool } from "../lib/metrics/metrics";
import { MetricsSettingsError, startMetricsServerFromEnv } from "../lib/metrics/serve-metrics";
import { RelaySettingsError } from "../lib/relay/relay-settings";
import { pgRelaySql } from "../lib/relay/relay-sql";
import { startRelay } from "../lib/relay/start-relay";

// Usage: DATABASE_URL=postgresql://… npm run relay
// The settings are environment variables (README.md, docs/smtp-relay.md). Run as many
// relay processes as you like behind one address: they share only the database.
const log = startLogging("relay");

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error(
      "The relay needs PostgreSQL: set DATABASE_URL. With the embedded database the web " +
        "process runs the relay itself (one process may open the embedded database).",
    );
    process.exit(2);
  }
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.RELAIS_RELAY_DB_CONNECTIONS) || 10,
  });
  // An idle connection the server dropped is replaced at the next query; it must not end the process.
  pool.on("error", (error) =>
    log.warn({ err: error }, "Database connection lost; it is replaced at the next query"),
  );
  watchPool("relay", pool);
  // The relay's own figures and its pool; the queue's are served by the portal and the workers.
  const metrics = await startMetricsServerFromEnv({
    render: exposition,
    log,
  });
  const relay = await startRelay({ sql: pgRelaySql(pool), log });
  log.info("Relay started");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "Relay stopping: no new sessions; finishing those in progress");
    await relay.stop();
    await metrics?.close();
    await pool.end();
    log.info("Relay stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof RelaySettingsError || error instanceof MetricsSettingsError) {
    console.error(`The relay cannot start: ${error.message}`);
    process.exit(2);
  }
  log.error({ err: error }, "The relay failed");
  process.exit(1);
});
