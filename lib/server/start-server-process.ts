import { apiFastPathEnabled } from "@/lib/api/api-fast-path-setting";
import { installPeerAddressStamp } from "@/lib/http/peer-address-stamp";
import { startupProblems } from "@/lib/config/startup-checks";

/**
 * What a Next.js server process does once at start (called from
 * instrumentation.ts, Node.js runtime only): refuse to run without its
 * settings, stamp each request with its socket's address (the client
 * address's source, lib/http/peer-address.ts), answer the API's submissions
 * itself on PostgreSQL, and in embedded mode run the outbox worker in this process.
 */
export async function startServerProcess(): Promise<void> {
  const problems = startupProblems(process.env);
  if (problems.length > 0) {
    console.error(`Relais cannot start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    process.exit(1);
  }
  installPeerAddressStamp();
  // The API's submissions answered before Next.js routes them (docs/api-submission.md).
  if (apiFastPathEnabled(process.env)) {
    const { installApiFastPath } = await import("@/lib/api/api-fast-path");
    installApiFastPath();
  }
  // Embedded database: the outbox worker runs in this process (docs/outbox.md).
  if (!process.env.DATABASE_URL && process.env.RELAIS_EMBEDDED_WORKER !== "false") {
    const { startEmbeddedWorker } = await import("@/lib/worker/start-embedded-worker");
    startEmbeddedWorker();
  }
  // The SMTP relay, likewise, for devices and programs (docs/smtp-relay.md).
  if (!process.env.DATABASE_URL && process.env.RELAIS_EMBEDDED_RELAY !== "false") {
    const { startEmbeddedRelay } = await import("@/lib/relay/start-embedded-relay");
    await startEmbeddedRelay();
  }
}
