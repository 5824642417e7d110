import { apiJson, apiNoContent } from "@/lib/api/api-response";
import { patchWebhookEndpoint } from "@/lib/api/patch-webhook-endpoint";
import { readJsonBody } from "@/lib/api/read-json-body";
import { webhookEndpointDetailsJson } from "@/lib/api/webhook-json";
import { parseWebhookPatch, WEBHOOK_BODY_LIMIT } from "@/lib/api/webhook-request";
import { withWebhookApiKey } from "@/lib/api/with-webhook-api-key";
import { notFound } from "@/lib/errors/domain-error";
import { isUuid } from "@/lib/ids/is-uuid";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** The endpoint's id from the path; anything that is not one of the school's is not found. */
async function endpointId({ params }: Params): Promise<string> {
  const { id } = await params;
  if (!isUuid(id)) throw notFound();
  return id;
}

/** An endpoint with its most recent deliveries (newest first) and the body each one sends. */
export async function GET(request: Request, context: Params) {
  return withWebhookApiKey(request, async (manager) =>
    apiJson(webhookEndpointDetailsJson(await getWebhookEndpoint(manager, await endpointId(context)))),
  );
}

/** Changes the address, description, events and/or pauses or enables it: 200 with the endpoint. */
export async function PATCH(request: Request, context: Params) {
  return withWebhookApiKey(request, async (manager) => {
    const id = await endpointId(context);
    const patch = parseWebhookPatch(await readJsonBody(request, WEBHOOK_BODY_LIMIT));
    await patchWebhookEndpoint(manager, id, patch);
    return apiJson(webhookEndpointDetailsJson(await getWebhookEndpoint(manager, id)));
  });
}

/** Deletes the endpoint and its deliveries: 204. */
export async function DELETE(request: Request, context: Params) {
  return withWebhookApiKey(request, async (manager) => {
    await deleteWebhookEndpoint(manager, await endpointId(context));
    return apiNoContent();
  });
}
