import { runCli } from "../lib/cli/run-cli";
import { terminalIo } from "../lib/cli/terminal-io";
import { disconnectDb } from "../lib/db/client";
import { startLogging } from "../lib/log/logger";

// The operator command line: npm run relais -- <command> [options]. The
// commands live in lib/cli/ (tests run them in-process); this file only
// connects them to the terminal and sets the exit code. What the commands print is
// their answer (standard output); log entries, an unexpected error's with its
// causes, go to standard error.
startLogging("cli");

async function main(): Promise<number> {
  try {
    return await runCli(process.argv.slice(2), terminalIo);
  } finally {
    await disconnectDb().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
