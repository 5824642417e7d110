import type { WebhookEndpointDetails } from "@/lib/webhooks/get-webhook-endpoint";
import type { WebhookEndpointSummary } from "@/lib/webhooks/list-webhook-endpoints";

type EndpointFields = Pick<
  WebhookEndpointSummary,
  | "id"
  | "url"
  | "description"
  | "eventTypes"
  | "enabled"
  | "pausedReason"
  | "failingSince"
  | "lastSuccessAt"
  | "createdAt"
>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** What every view of an endpoint shows; never its secret, current or previous, nor their ciphertext. */
function endpointJson(endpoint: EndpointFields) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    enabled: endpoint.enabled,
    pausedReason: endpoint.pausedReason,
    failingSince: iso(endpoint.failingSince),
    lastSuccessAt: iso(endpoint.lastSuccessAt),
    createdAt: endpoint.createdAt.toISOString(),
  };
}

/** An endpoint in the list, with its deliveries waiting and given up. */
export function webhookEndpointSummaryJson(endpoint: WebhookEndpointSummary) {
  return {
    ...endpointJson(endpoint),
    pendingDeliveries: endpoint.pending,
    failedDeliveries: endpoint.failed,
  };
}

/** An endpoint just created, with its signing secret: the one time it is shown. */
export function createdWebhookEndpointJson(endpoint: WebhookEndpointDetails, secret: string) {
  return { ...endpointJson(endpoint), secret };
}

/** An endpoint with its most recent deliveries, newest first, and the body each one sends. */
export function webhookEndpointDetailsJson(endpoint: WebhookEndpointDetails) {
  return {
    ...endpointJson(endpoint),
    pausedAt: iso(endpoint.pausedAt),
    previousSecretValidUntil: iso(endpoint.secretOverlapUntil),
    deliveries: endpoint.deliveries.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      type: d.type,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: iso(d.nextAttemptAt),
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      lastDurationMs: d.lastDurationMs,
      lastAttemptAt: iso(d.lastAttemptAt),
      deliveredAt: iso(d.deliveredAt),
      createdAt: d.createdAt.toISOString(),
      payload: d.payload,
    })),
  };
}
