import { apiErrorBody, apiJson, type ApiError } from "@/lib/api/api-response";
import { parseMessageBatch } from "@/lib/api/message-batch-request";
import { mailboxNotFound } from "@/lib/api/message-request";
import { readJsonBody } from "@/lib/api/read-json-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { DomainError } from "@/lib/errors/domain-error";
import { queueMailBatch, type BatchOutcome } from "@/lib/outbox/queue-mail-batch";

export const dynamic = "force-dynamic";

/** One message's answer, as POST /messages would have given it. */
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

/** Queues up to 500 mails at once: 200 with each message's outcome, in order. */
export async function POST(request: Request) {
  return withApiKey(request, async (sender) => {
    const outcomes = await queueMailBatch(sender, parseMessageBatch(await readJsonBody(request)));
    const results = outcomes.map(resultOf);
    const count = (result: string) => results.filter((r) => r.result === result).length;
    return apiJson({
      accepted: count("accepted"),
      duplicates: count("duplicate"),
      rejected: count("rejected"),
      results,
    });
  });
}
