// Runs once when a Next.js server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupProblems } = await import("@/lib/config/startup-checks");
  const problems = startupProblems(process.env);
  if (problems.length > 0) {
    console.error(`Relais cannot start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    process.exit(1);
  }
  // Embedded database: the outbox worker runs in this process (docs/outbox.md).
  if (!process.env.DATABASE_URL && process.env.RELAIS_EMBEDDED_WORKER !== "false") {
    const { startEmbeddedWorker } = await import("@/lib/worker/start-embedded-worker");
    startEmbeddedWorker();
  }
}
