import { apiJson } from "@/lib/api/api-response";
import { withWebhookApiKey } from "@/lib/api/with-webhook-api-key";
import { notFound } from "@/lib/errors/domain-error";
import { isUuid } from "@/lib/ids/is-uuid";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; deliveryId: string }> };

/**
 * Sends a delivery's event to the endpoint again, as a new delivery with the
 * same `webhook-id` and body: 202 with the new delivery's id.
 */
export async function POST(request: Request, { params }: Params) {
  return withWebhookApiKey(request, async (manager) => {
    const { id, deliveryId } = await params;
    if (!isUuid(id) || !isUuid(deliveryId)) throw notFound();
    const queued = await redeliverWebhook(manager, { id, deliveryId });
    return apiJson({ endpointId: queued.id, deliveryId: queued.deliveryId }, 202);
  });
}
