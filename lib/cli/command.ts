import type { ParseArgsConfig } from "node:util";
import type { z } from "zod";
import type { AuditActor } from "@/lib/audit/record-audit";
import { createTranslator, isMessageKey } from "@/lib/i18n/translate";

/** Where a command writes and reads; the terminal in scripts/relais.ts, a recorder in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Everything on standard input (a password piped in or typed). */
  readStdin(): Promise<string>;
}

export type CliOptions = NonNullable<ParseArgsConfig["options"]>;
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliCommand {
  name: string;
  summary: string;
  /** The arguments after the command's name, e.g. "--slug <slug> --name <name>". */
  usage: string;
  options: CliOptions;
  /**
   * Names of the arguments given without an option, in order (e.g. ["email"]
   * for `person:export <email>`); the command reads them from `values` under
   * these names. Without it, any such argument is a usage error.
   */
  positionals?: readonly string[];
  run(values: CliValues, io: CliIo): Promise<void>;
}

/** Bad arguments: the command line prints the message and the usage, and exits with 2. */
export class UsageError extends Error {}

/** The command line speaks English; the catalog still gives its messages. */
export const cliTranslator = createTranslator("en");

/** The audit log's name for changes made on the command line, which has no account. */
export const cliActor: AuditActor = { userId: null, email: "cli", ip: null };

/**
 * Validates a command's arguments with the domain's own schema; the first
 * problem becomes a UsageError naming the option ("--slug: ...").
 */
export function parseCommandInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  flagOf: Record<string, string> = {},
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join(".");
  const message = isMessageKey(issue.message)
    ? cliTranslator(issue.message)
    : cliTranslator("errors.validation.invalid");
  throw new UsageError(field ? `${flagOf[field] ?? `--${field}`}: ${message}` : message);
}
