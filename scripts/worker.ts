import { disconnectDb } from "../lib/db/client";
import { startLogging } from "../lib/log/logger";
import { renderMetrics } from "../lib/metrics/render-metrics";
import { MetricsSettingsError, startMetricsServerFromEnv } from "../lib/metrics/serve-metrics";
import { startWorker } from "../lib/worker/run-worker";

// Usage: DATABASE_URL=postgresql://… npm run worker
//   RELAIS_WORKER_BATCH (100), RELAIS_WORKER_CONCURRENCY (40), RELAIS_WORKER_PARALLEL (2),
//   RELAIS_WORKER_LEASE_MS (60000),
//   RELAIS_WORKER_POLL_MS (500). Run as many as you like, on any machines.
//   RELAIS_METRICS_PORT (+ RELAIS_METRICS_TOKEN, RELAIS_METRICS_HOST): Prometheus metrics (docs/metrics.md).
const log = startLogging("worker");

/** A positive whole number from the environment, else undefined: the worker's own default. */
const numberFrom = (name: string) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error(
      "The worker needs PostgreSQL: set DATABASE_URL. With the embedded database the web " +
        "process runs the worker itself (one process may open the embedded database).",
    );
    process.exit(2);
  }
  // Before the worker: a metrics setting that cannot work stops the process before it claims mail.
  const metrics = await startMetricsServerFromEnv({
    render: () => renderMetrics({ database: true, log }),
    log,
  });
  const worker = startWorker({
    batch: numberFrom("RELAIS_WORKER_BATCH"),
    concurrency: numberFrom("RELAIS_WORKER_CONCURRENCY"),
    parallel: numberFrom("RELAIS_WORKER_PARALLEL"),
    leaseMs: numberFrom("RELAIS_WORKER_LEASE_MS"),
    pollMs: numberFrom("RELAIS_WORKER_POLL_MS"),
    log,
  });
  log.info({ workerId: worker.workerId }, "Worker started");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ workerId: worker.workerId, signal }, "Worker stopping: finishing the sends in flight");
    await worker.stop();
    await metrics?.close();
    await disconnectDb();
    log.info({ workerId: worker.workerId }, "Worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof MetricsSettingsError) {
    console.error(`The worker cannot start: ${error.message}`);
    process.exit(2);
  }
  log.error({ err: error }, "Worker failed");
  process.exit(1);
});
