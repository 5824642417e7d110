import { runCli } from "../lib/cli/run-cli";
import { terminalIo } from "../lib/cli/terminal-io";
import { disconnectDb } from "../lib/db/client";

// The operator command line: npm run relais -- <command> [options]. The
// commands live in lib/cli/ (tests run them in-process); this file only
// connects them to the terminal and sets the exit code.
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
