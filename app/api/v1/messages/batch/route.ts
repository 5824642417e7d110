import { replyResponse } from "@/lib/api/api-response";
import { submitMessageBatch } from "@/lib/api/message-submission";
import { readJsonBody } from "@/lib/api/read-json-body";
import { withApiKey } from "@/lib/api/with-api-key";

export const dynamic = "force-dynamic";

/**
 * Queues up to 500 mails at once: 200 with each message's outcome, in order. On a production server
 * on PostgreSQL the fast path answers first (lib/api/api-fast-path.ts); this route serves the others.
 */
export async function POST(request: Request) {
  return withApiKey(request, async (sender) =>
    replyResponse(await submitMessageBatch(sender, await readJsonBody(request))),
  );
}
