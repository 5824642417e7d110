import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { lockWebhookEndpoint } from "./find-webhook-endpoint";
import type { UpdateWebhookEndpointInput } from "./webhook-schemas";
import { assertCanManageWebhooks, webhookAuditActor, type WebhookManager } from "./webhook-manager";

/** Changes an endpoint's address, description and events. */
export async function updateWebhookEndpoint(by: WebhookManager, input: UpdateWebhookEndpointInput) {
  assertCanManageWebhooks(by);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await lockWebhookEndpoint(tx, by.tenantId, input.id);
    await tx.webhookEndpoint.update({
      where: { tenantId_id: { tenantId: by.tenantId, id: input.id } },
      data: { url: input.url, description: input.description, eventTypes: input.eventTypes },
    });
    await recordAudit(tx, webhookAuditActor(by), {
      action: "webhook_endpoint.updated",
      targetType: "webhook_endpoint",
      targetId: input.id,
      targetLabel: input.url,
      details: { events: input.eventTypes, ...(before.url !== input.url ? { previousUrl: before.url } : {}) },
    });
  });
  return { id: input.id };
}
