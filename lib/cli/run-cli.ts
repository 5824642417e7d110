import { parseArgs } from "node:util";
import { DomainError } from "@/lib/errors/domain-error";
import { EmbeddedDatabaseLockedError } from "@/lib/db/embedded-lock";
import { logger } from "@/lib/log/logger";
import { cliTranslator, UsageError, type CliCommand, type CliIo, type CliValues } from "./command";
import { commands } from "./commands";

export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

const invocation = "npm run relais --";

export function usageText(only?: CliCommand): string {
  if (only) return `Usage: ${invocation} ${only.name} ${only.usage}\n  ${only.summary}`;
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `Usage: ${invocation} <command> [options]`,
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    `  ${"help".padEnd(width)}  Show this help, or a command's: help <command>.`,
    "",
    ...commands.map((command) => `  ${command.name} ${command.usage}`),
    "",
    "Database: PostgreSQL when DATABASE_URL is set, else the embedded one in RELAIS_DATA_DIR (.relais-data).",
  ].join("\n");
}

// node:util's messages sometimes add a second sentence of advice about "--";
// the first says what is wrong.
function firstSentence(message: string): string {
  const end = message.indexOf(". ");
  return end === -1 ? message : message.slice(0, end + 1);
}

function usageFailure(io: CliIo, message: string, command?: CliCommand): number {
  io.err(`Error: ${message}`);
  io.err(usageText(command));
  return exitCodes.usage;
}

// Unexpected: one line that says what happened; a stack trace helps nobody at
// a terminal. Prisma's messages quote the calling code first and end with the cause.
function unexpectedMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const isPrisma = error instanceof Error && error.name.startsWith("PrismaClient");
  return (isPrisma ? lines.at(-1) : lines[0]) ?? "unexpected failure";
}

function failure(io: CliIo, command: CliCommand, error: unknown): number {
  if (error instanceof DomainError) {
    io.err(`Error: ${cliTranslator(error.messageKey, error.vars)}`);
  } else if (error instanceof EmbeddedDatabaseLockedError) {
    io.err(`Error: ${error.message}`);
  } else {
    // The person reads one line; the log keeps the error's class and causes.
    logger().error({ command: command.name, err: error }, "Command failed unexpectedly");
    io.err(`Error: ${unexpectedMessage(error)}`);
  }
  return exitCodes.failure;
}

/** Runs one command line (argv without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return usageFailure(io, "no command given.");
  if (name === "help" || name === "--help" || name === "-h") {
    const topic = rest[0] ? commands.find((command) => command.name === rest[0]) : undefined;
    if (rest[0] && !topic) return usageFailure(io, `unknown command "${rest[0]}".`);
    io.out(usageText(topic));
    return exitCodes.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) return usageFailure(io, `unknown command "${name}".`);
  let values: CliValues;
  try {
    const names = command.positionals ?? [];
    const parsed = parseArgs({
      args: [...rest],
      options: command.options,
      strict: true,
      allowPositionals: names.length > 0,
    });
    const extra = parsed.positionals[names.length];
    if (extra !== undefined) return usageFailure(io, `Unexpected argument '${extra}'.`, command);
    values = { ...parsed.values };
    names.forEach((name, index) => {
      const value = parsed.positionals[index];
      if (value !== undefined) values[name] = value;
    });
  } catch (error) {
    return usageFailure(io, firstSentence(error instanceof Error ? error.message : String(error)), command);
  }
  try {
    await command.run(values, io);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message, command);
    return failure(io, command, error);
  }
}
