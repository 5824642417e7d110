import { createLogger } from "@/lib/log/create-logger";
import type { Log, LogService } from "@/lib/log/log";
import { logger, setRootLogger } from "@/lib/log/logger";
import type { LogFormat, LogLevel } from "@/lib/log/log-settings";

export type LogEntry = { level: string; msg: string; service: string; [field: string]: unknown };

export type RecordingLog = {
  log: Log;
  /** Each line as written (JSON, or the pretty format's text). */
  lines: string[];
  /** The JSON lines, parsed. */
  entries: () => LogEntry[];
};

/** A logger as the processes make it (serializers, redaction), whose lines are kept here. */
export function recordingLog(
  options: { service?: LogService; level?: LogLevel; format?: LogFormat } = {},
): RecordingLog {
  const lines: string[] = [];
  const log = createLogger(
    {
      service: options.service ?? "portal",
      level: options.level ?? "debug",
      format: options.format ?? "json",
    },
    { write: (line) => void lines.push(line) },
  );
  return { log, lines, entries: () => lines.map((line) => JSON.parse(line) as LogEntry) };
}

/** Installs a recording logger as the process's root logger; `restore()` puts the previous one back. */
export function captureLogs(): RecordingLog & { restore: () => void } {
  const previous = logger();
  const recording = recordingLog();
  setRootLogger(recording.log);
  return { ...recording, restore: () => setRootLogger(previous) };
}
