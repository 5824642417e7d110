import type { SerializedError } from "./serialize-error";

/** Fields every entry has, shown in the line's head rather than as key=value. */
const HEAD = new Set(["level", "time", "service", "pid", "hostname", "msg", "err"]);

function valueText(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function errorText(error: SerializedError): string {
  const head = `${error.type}${error.name ? ` (${error.name})` : ""}: ${error.message}`;
  const extra = [
    error.code !== undefined ? `code ${error.code}` : "",
    error.status ? `status ${error.status}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const inner = error.errors?.length ? ` [${error.errors.map(errorText).join("; ")}]` : "";
  const cause = error.cause ? ` <- caused by ${errorText(error.cause)}` : "";
  return `${head}${extra ? ` (${extra})` : ""}${inner}${cause}`;
}

function stacksOf(error: SerializedError | undefined): string[] {
  if (!error) return [];
  return [...(error.stack ? [error.stack] : []), ...stacksOf(error.cause)];
}

function timeText(time: unknown): string {
  const date = new Date(typeof time === "string" || typeof time === "number" ? time : Date.now());
  return Number.isNaN(date.getTime()) ? String(time) : date.toISOString().slice(11, 23);
}

/**
 * One entry as a person reads it in a terminal:
 * `12:04:05.120 WARN  worker Mail not sent mailId=… err=Error: Message failed: …`,
 * then the stacks, indented, when the entry has any.
 */
export function prettyLine(entry: Record<string, unknown>): string {
  const level = String(entry.level ?? "info").toUpperCase();
  const fields = Object.entries(entry)
    .filter(([key]) => !HEAD.has(key))
    .map(([key, value]) => `${key}=${valueText(value)}`);
  const error = entry.err as SerializedError | undefined;
  if (error && typeof error === "object") fields.push(`err=${errorText(error)}`);
  const line = [timeText(entry.time), level.padEnd(5), String(entry.service ?? "").padEnd(6), entry.msg ?? ""]
    .concat(fields)
    .join(" ");
  const stacks = error && typeof error === "object" ? stacksOf(error) : [];
  return `${[line, ...stacks].join("\n")}\n`;
}
