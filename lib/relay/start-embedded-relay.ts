import { getDb } from "@/lib/db/client";
import { createLogger } from "@/lib/log/create-logger";
import { logSettings } from "@/lib/log/log-settings";
import { prismaRelaySql } from "./relay-sql";
import { startRelay, type RunningRelay } from "./start-relay";

const state = globalThis as typeof globalThis & { __relaisEmbeddedRelay?: Promise<RunningRelay | null> };

/**
 * With the embedded database only this process may open it, so the web
 * process runs the SMTP relay too, once per process. A relay that cannot
 * start (a port taken, no openssl for the generated certificate) is reported
 * and the portal runs without it.
 */
export async function startEmbeddedRelay(): Promise<void> {
  state.__relaisEmbeddedRelay ??= (() => {
    const log = createLogger(logSettings("relay", process.env));
    return startRelay({ sql: prismaRelaySql(getDb), log }).catch((error: unknown) => {
      log.error({ err: error }, "Relay not started; the portal runs without it");
      return null;
    });
  })();
  await state.__relaisEmbeddedRelay;
}
