import { apiJson } from "@/lib/api/api-response";
import { mailboxNotFound, parseMessageRequest } from "@/lib/api/message-request";
import { readJsonBody } from "@/lib/api/read-json-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { DomainError } from "@/lib/errors/domain-error";
import { queueMail } from "@/lib/outbox/queue-mail";

export const dynamic = "force-dynamic";

/** Queues a mail from one of the key's mailboxes: 202 { id, status, messageId } (200 for a repeated idempotency key). */
export async function POST(request: Request) {
  return withApiKey(request, async (sender) => {
    const input = parseMessageRequest(await readJsonBody(request), request.headers.get("idempotency-key"));
    try {
      const queued = await queueMail(sender, input);
      return apiJson(
        { id: queued.id, status: queued.status, messageId: queued.messageId },
        queued.created ? 202 : 200,
      );
    } catch (error) {
      // A mailbox of another tenant, or not on this key, is simply not found.
      if (error instanceof DomainError && error.code === "not_found") {
        throw mailboxNotFound();
      }
      throw error;
    }
  });
}
