import { createLogger } from "./create-logger";
import type { Log, LogService } from "./log";
import { logSettings } from "./log-settings";

// On globalThis: the Next.js server loads modules in more than one bundle, and
// its development server reloads them; the process keeps one root logger.
const state = globalThis as typeof globalThis & { __relaisLog?: Log };

/** This process's root logger; the portal's unless a script started another (startLogging). */
export function logger(): Log {
  return (state.__relaisLog ??= createLogger(logSettings("portal", process.env)));
}

/** Makes `log` this process's root logger (tests install one that keeps its entries). */
export function setRootLogger(log: Log): void {
  state.__relaisLog = log;
}

/**
 * For a script's first lines: the root logger of this service, from
 * RELAIS_LOG_LEVEL and RELAIS_LOG_FORMAT (pretty by default for the command
 * line at a terminal).
 */
export function startLogging(service: LogService): Log {
  const interactive = service === "cli" && process.stderr.isTTY === true;
  const log = createLogger(logSettings(service, process.env, interactive));
  setRootLogger(log);
  return log;
}
