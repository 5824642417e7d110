import { headers } from "next/headers";
import { REQUEST_ID_HEADER, validRequestId } from "@/lib/http/request-id";
import type { Log, LogFields } from "./log";
import { logger } from "./logger";

/**
 * The id proxy.ts gave the request being served, if any: none outside a
 * request (a script, a test calling the code directly).
 */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    return validRequestId((await headers()).get(REQUEST_ID_HEADER)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** A child of the root logger whose entries carry the request's id and `fields`. */
export async function requestLog(fields: LogFields = {}): Promise<Log> {
  const requestId = await currentRequestId();
  return logger().child(requestId ? { requestId, ...fields } : fields);
}
