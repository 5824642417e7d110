import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { isWebhookEventType } from "@/lib/webhooks/event-types";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/set-webhook-endpoint-enabled";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import type { WebhookManager } from "@/lib/webhooks/webhook-manager";
import type { WebhookPatch } from "./webhook-request";

/**
 * Applies PATCH /api/v1/webhooks/{id}: the fields given replace the
 * endpoint's (the others are kept as they are), then `enabled` pauses or
 * enables it. Another school's endpoint is not found.
 */
export async function patchWebhookEndpoint(by: WebhookManager, id: string, patch: WebhookPatch) {
  if (patch.url !== undefined || patch.description !== undefined || patch.eventTypes !== undefined) {
    const db = await getDb();
    const current = await db.webhookEndpoint.findFirst({
      where: { tenantId: by.tenantId, id },
      select: { url: true, description: true, eventTypes: true },
    });
    if (!current) throw notFound();
    await updateWebhookEndpoint(by, {
      id,
      url: patch.url ?? current.url,
      description: patch.description ?? current.description,
      eventTypes: patch.eventTypes ?? current.eventTypes.filter(isWebhookEventType),
    });
  }
  if (patch.enabled !== undefined) await setWebhookEndpointEnabled(by, { id, enabled: patch.enabled });
}
