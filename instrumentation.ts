// Runs once when a Next.js server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupProblems } = await import("@/lib/config/startup-checks");
  const problems = startupProblems(process.env);
  if (problems.length === 0) return;
  console.error(`Relais cannot start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}
