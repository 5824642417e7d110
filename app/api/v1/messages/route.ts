import { replyResponse } from "@/lib/api/api-response";
import { submitMessage } from "@/lib/api/message-submission";
import { readJsonBody } from "@/lib/api/read-json-body";
import { withApiKey } from "@/lib/api/with-api-key";

export const dynamic = "force-dynamic";

/**
 * Queues a mail from one of the key's mailboxes: 202 { id, status, messageId } (200 for a repeated
 * idempotency key). On a production server on PostgreSQL the fast path answers first
 * (lib/api/api-fast-path.ts, docs/api-submission.md); this route serves the others.
 */
export async function POST(request: Request) {
  return withApiKey(request, async (sender) =>
    replyResponse(
      await submitMessage(sender, await readJsonBody(request), request.headers.get("idempotency-key")),
    ),
  );
}
