import { maxMessageBytes } from "@/lib/outbox/mail-limits";
import { ApiError } from "./api-response";

/** Base64 grows attachments by a third; JSON and the other fields need some room too. */
export function maxBodyBytes(): number {
  return Math.ceil((maxMessageBytes() * 4) / 3) + 256 * 1024;
}

/** Reads a JSON body, refusing more than `limit` bytes without reading them all. */
export async function readJsonBody(request: Request, limit = maxBodyBytes()): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) throw new ApiError(400, "invalid_json", "The request body must be a JSON object.");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return parseJsonBody(Buffer.concat(chunks));
}

/** A body read whole, as JSON; 400 when it is not. */
export function parseJsonBody(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

export const tooLarge = () => new ApiError(413, "body_too_large", "The request body is larger than allowed.");
