// Runs once when a Next.js server process starts. The work lives in a
// Node.js-only module, so that the Edge build of this file stays empty.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServerProcess } = await import("@/lib/server/start-server-process");
    await startServerProcess();
  }
}
