import pino from "pino";
import type { Log } from "./log";
import type { LogSettings } from "./log-settings";
import { prettyLine } from "./pretty-line";
import { redactPaths } from "./redact-paths";
import { serializeError } from "./serialize-error";

/** Where entries go: a file descriptor's synchronous stream by default, a recorder in tests. */
export type LogDestination = { write(line: string): void };

/**
 * A root logger: JSON lines (or pretty ones) on standard output, standard
 * error for the command line, whose standard output is the command's answer.
 * Written synchronously, without pino's worker-thread transports (they do
 * not load inside the Next.js server's bundle), so that an entry logged just
 * before the process exits is not lost.
 */
export function createLogger(settings: LogSettings, destination?: LogDestination): Log {
  // Stacks help a developer reading pretty lines; the person at the command line gets one line, no stack.
  const stack =
    settings.level === "debug" ||
    settings.level === "trace" ||
    (settings.format === "pretty" && settings.service !== "cli");
  const out = destination ?? pino.destination({ dest: settings.service === "cli" ? 2 : 1, sync: true });
  const sink: LogDestination =
    settings.format === "pretty"
      ? { write: (line) => out.write(prettyLine(JSON.parse(line) as Record<string, unknown>)) }
      : out;
  return pino(
    {
      level: settings.level,
      base: { service: settings.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: (error: unknown) => serializeError(error, { stack }) },
      redact: { paths: redactPaths, censor: "[redacted]" },
    },
    sink,
  );
}
