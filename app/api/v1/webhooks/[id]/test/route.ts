import { apiJson } from "@/lib/api/api-response";
import { withWebhookApiKey } from "@/lib/api/with-webhook-api-key";
import { notFound } from "@/lib/errors/domain-error";
import { isUuid } from "@/lib/ids/is-uuid";
import { WEBHOOK_TEST_EVENT } from "@/lib/webhooks/event-types";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** Queues a `webhook.test` event for this endpoint only: 202; a paused endpoint answers 409. */
export async function POST(request: Request, { params }: Params) {
  return withWebhookApiKey(request, async (manager) => {
    const { id } = await params;
    if (!isUuid(id)) throw notFound();
    await sendTestWebhook(manager, id);
    return apiJson({ endpointId: id, type: WEBHOOK_TEST_EVENT }, 202);
  });
}
