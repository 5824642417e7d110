import { DomainError } from "@/lib/errors/domain-error";
import type { ApiKeySender } from "@/lib/api-keys/authenticate-api-key";
import { queueMail } from "@/lib/outbox/queue-mail";
import { queueMailBatch, type BatchOutcome } from "@/lib/outbox/queue-mail-batch";
import { apiErrorBody, type ApiError, type ApiReply } from "./api-response";
import { parseMessageBatch } from "./message-batch-request";
import { mailboxNotFound, parseMessageRequest } from "./message-request";

/**
 * POST /api/v1/messages once the key is known and the body read: 202 { id,
 * status, messageId }, 200 for a repeated idempotency key. Served by the
 * route (app/api/v1/messages/route.ts) and by the fast path
 * (lib/api/api-fast-path.ts) alike.
 */
export async function submitMessage(
  sender: ApiKeySender,
  body: unknown,
  idempotencyHeader: string | null,
): Promise<ApiReply> {
  const input = parseMessageRequest(body, idempotencyHeader);
  try {
    const queued = await queueMail(sender, input);
    return {
      status: queued.created ? 202 : 200,
      body: { id: queued.id, status: queued.status, messageId: queued.messageId },
    };
  } catch (error) {
    // A mailbox of another tenant, or not on this key, is simply not found.
    if (error instanceof DomainError && error.code === "not_found") throw mailboxNotFound();
    throw error;
  }
}

/** One message's answer in a batch, as POST /messages would have given it. */
function resultOf(outcome: BatchOutcome<ApiError>, index: number) {
  if (outcome.result !== "rejected") {
    const { result, id, status, messageId } = outcome;
    return { index, result, id, status, messageId };
  }
  const { error } = outcome;
  // A mailbox of another tenant, or not on this key, is simply not found.
  const body =
    error instanceof DomainError && error.code === "not_found"
      ? apiErrorBody(mailboxNotFound())
      : apiErrorBody(error);
  return { index, result: "rejected" as const, error: body };
}

/** POST /api/v1/messages/batch once the key is known and the body read: 200 with each message's outcome, in order. */
export async function submitMessageBatch(sender: ApiKeySender, body: unknown): Promise<ApiReply> {
  const outcomes = await queueMailBatch(sender, parseMessageBatch(body));
  const results = outcomes.map(resultOf);
  const count = (result: string) => results.filter((r) => r.result === result).length;
  return {
    status: 200,
    body: {
      accepted: count("accepted"),
      duplicates: count("duplicate"),
      rejected: count("rejected"),
      results,
    },
  };
}
