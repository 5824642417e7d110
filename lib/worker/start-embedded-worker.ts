import { createLogger } from "@/lib/log/create-logger";
import { logSettings } from "@/lib/log/log-settings";
import { startWorker } from "./run-worker";

const state = globalThis as typeof globalThis & { __relaisEmbeddedWorker?: ReturnType<typeof startWorker> };

/**
 * With the embedded database only this process may open it, so the web
 * process sends the mail itself, once per process. Next.js owns the signals:
 * a send cut short by the exit is retried when its lease expires.
 */
export function startEmbeddedWorker() {
  if (state.__relaisEmbeddedWorker) return;
  state.__relaisEmbeddedWorker = startWorker({ log: createLogger(logSettings("worker", process.env)) });
}
