/**
 * What code that logs needs of a logger: the structural part of pino's
 * Logger that Relais uses, so that a caller can hand in a child (with its
 * own fields) or, in tests, a logger that keeps its entries.
 */
export type LogFields = {
  requestId?: string;
  tenantId?: string;
  mailboxId?: string;
  mailId?: string;
  workerId?: string;
  /** An error: serialized as its class, message and causes (serialize-error.ts). */
  err?: unknown;
  [field: string]: unknown;
};

export interface LogMethod {
  (fields: LogFields, message: string): void;
  (message: string): void;
}

export interface Log {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  /** A logger whose every entry carries `bindings` too. */
  child(bindings: LogFields): Log;
}

/** The process an entry comes from: every entry says which. */
export type LogService = "portal" | "worker" | "relay" | "cli";
