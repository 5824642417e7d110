import { apiJson } from "@/lib/api/api-response";
import { readJsonBody } from "@/lib/api/read-json-body";
import { createdWebhookEndpointJson, webhookEndpointSummaryJson } from "@/lib/api/webhook-json";
import { parseCreateWebhookRequest, WEBHOOK_BODY_LIMIT } from "@/lib/api/webhook-request";
import { withWebhookApiKey } from "@/lib/api/with-webhook-api-key";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";

export const dynamic = "force-dynamic";

/** The school's webhook endpoints, oldest first; never their secrets. */
export async function GET(request: Request) {
  return withWebhookApiKey(request, async (manager) =>
    apiJson({ endpoints: (await listWebhookEndpoints(manager)).map(webhookEndpointSummaryJson) }),
  );
}

/** Adds an endpoint, enabled: 201 with its signing secret, shown this once. */
export async function POST(request: Request) {
  return withWebhookApiKey(request, async (manager) => {
    const input = parseCreateWebhookRequest(await readJsonBody(request, WEBHOOK_BODY_LIMIT));
    const { id, secret } = await createWebhookEndpoint(manager, input);
    return apiJson(createdWebhookEndpointJson(await getWebhookEndpoint(manager, id), secret), 201, {
      Location: `/api/v1/webhooks/${id}`,
    });
  });
}
