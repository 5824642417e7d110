import type { LogService } from "./log";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = "json" | "pretty";

export type LogSettings = { service: LogService; level: LogLevel; format: LogFormat };

const isLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

/**
 * RELAIS_LOG_LEVEL (info) and RELAIS_LOG_FORMAT: `json` lines, or `pretty`,
 * one line a person reads, which is the default under `next dev` and for a
 * command typed at a terminal (`interactive`). A value that means nothing
 * falls back to the default rather than stopping the process.
 */
export function logSettings(
  service: LogService,
  env: Record<string, string | undefined>,
  interactive = false,
): LogSettings {
  const level = env.RELAIS_LOG_LEVEL?.trim().toLowerCase() ?? "";
  const format = env.RELAIS_LOG_FORMAT?.trim().toLowerCase();
  return {
    service,
    level: isLevel(level) ? level : "info",
    format:
      format === "pretty" || format === "json"
        ? format
        : env.NODE_ENV === "development" || interactive
          ? "pretty"
          : "json",
  };
}
