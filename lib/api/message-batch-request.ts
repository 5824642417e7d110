import type { BatchEntry } from "@/lib/outbox/queue-mail-batch";
import { MAX_BATCH_MESSAGES } from "@/lib/outbox/queue-mail-batch";
import { ApiError } from "./api-response";
import { parseMessageRequest } from "./message-request";

/**
 * The JSON body of POST /api/v1/messages/batch: `{ messages: [...] }`, 1 to
 * 500 messages shaped as for POST /messages. A body of another shape is a
 * 400; a message of the wrong shape is refused alone, with its reason.
 */
export function parseMessageBatch(body: unknown): BatchEntry<ApiError>[] {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (typeof body !== "object" || body === null || !Array.isArray(messages)) {
    throw new ApiError(400, "invalid_request", "messages: an array of messages is required");
  }
  if (messages.length === 0 || messages.length > MAX_BATCH_MESSAGES) {
    throw new ApiError(
      400,
      "invalid_request",
      `messages: from 1 to ${MAX_BATCH_MESSAGES} messages per batch, not ${messages.length}`,
    );
  }
  return messages.map((message): BatchEntry<ApiError> => {
    try {
      return { input: parseMessageRequest(message, null) };
    } catch (error) {
      if (error instanceof ApiError) return { refused: error };
      throw error;
    }
  });
}
