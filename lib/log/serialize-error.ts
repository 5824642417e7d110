import { scrubSecrets } from "./scrub-secrets";

/** An error as it goes into a log entry: only these fields, whatever the error carries. */
export type SerializedError = {
  /** The error's class. */
  type: string;
  /** Its `name`, when it differs from the class (an AbortError thrown as a DOMException). */
  name?: string;
  message: string;
  /** A short code (ECONNREFUSED, EAUTH, P2002). */
  code?: string | number;
  /** An HTTP status or an SMTP reply code. */
  status?: number;
  /** The first errors of an AggregateError. */
  errors?: SerializedError[];
  cause?: SerializedError;
  stack?: string;
};

export type SerializeErrorOptions = { stack?: boolean };

const MAX_DEPTH = 5;
const MAX_MESSAGE = 1_000;
const MAX_AGGREGATED = 3;
const SAFE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

function classOf(value: object): string {
  const name = (value.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === "string" && name ? name : "Object";
}

// Prisma's messages quote the calling code, with its arguments, before the cause on the last line.
function messageOf(error: Error): string {
  const text = typeof error.message === "string" ? error.message : "";
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const kept = error.name?.startsWith("PrismaClient") ? (lines.at(-1) ?? "") : text;
  return scrubSecrets(kept).slice(0, MAX_MESSAGE);
}

function statusOf(error: Record<string, unknown>): number | undefined {
  for (const key of ["status", "statusCode", "responseCode"]) {
    const value = error[key];
    if (typeof value === "number" && Number.isInteger(value)) return value;
  }
  return undefined;
}

// The frames only: the stack's first line repeats the message, which is given already (cleaned).
function framesOf(stack: unknown): string | undefined {
  if (typeof stack !== "string") return undefined;
  const frames = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? scrubSecrets(frames.join("\n")) : undefined;
}

/**
 * The error's class, message and chain of causes, and its stack when asked.
 * Nothing else the error object holds is copied: a driver's or a mail
 * library's error can carry the command it sent, a response body, a request
 * with its headers.
 */
export function serializeError(
  value: unknown,
  options: SerializeErrorOptions = {},
  depth = 0,
): SerializedError {
  if (!(value instanceof Error)) {
    const type = value !== null && typeof value === "object" ? classOf(value) : typeof value;
    const message = typeof value === "string" ? scrubSecrets(value).slice(0, MAX_MESSAGE) : "";
    return { type, message };
  }
  const fields = value as Error & Record<string, unknown>;
  const serialized: SerializedError = { type: classOf(value), message: messageOf(value) };
  if (typeof value.name === "string" && value.name !== serialized.type && value.name !== "Error")
    serialized.name = value.name;
  const code = fields.code;
  if (
    (typeof code === "string" && SAFE_CODE.test(code)) ||
    (typeof code === "number" && Number.isInteger(code))
  )
    serialized.code = code;
  const status = statusOf(fields);
  if (status !== undefined) serialized.status = status;
  if (depth < MAX_DEPTH) {
    if (value instanceof AggregateError && Array.isArray(value.errors) && value.errors.length > 0) {
      serialized.errors = value.errors
        .slice(0, MAX_AGGREGATED)
        .map((inner: unknown) => serializeError(inner, { stack: false }, depth + 1));
    }
    if (value.cause !== undefined && value.cause !== null)
      serialized.cause = serializeError(value.cause, options, depth + 1);
  }
  if (options.stack) {
    const stack = framesOf(value.stack);
    if (stack) serialized.stack = stack;
  }
  return serialized;
}
