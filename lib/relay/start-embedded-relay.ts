import { getDb } from "@/lib/db/client";
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
  state.__relaisEmbeddedRelay ??= startRelay({ sql: prismaRelaySql(getDb) }).catch((error: unknown) => {
    console.error(`[relay] not started: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  await state.__relaisEmbeddedRelay;
}
