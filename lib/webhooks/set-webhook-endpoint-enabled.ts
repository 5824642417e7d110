import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { lockWebhookEndpoint } from "./find-webhook-endpoint";
import { assertCanManageWebhooks, webhookAuditActor, type WebhookManager } from "./webhook-manager";

/**
 * Pauses or enables an endpoint. A paused endpoint gets no new events and its
 * pending deliveries wait; enabling it sends them, and starts its failing
 * streak afresh.
 */
export async function setWebhookEndpointEnabled(by: WebhookManager, input: { id: string; enabled: boolean }) {
  assertCanManageWebhooks(by);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const endpoint = await lockWebhookEndpoint(tx, by.tenantId, input.id);
    if (endpoint.enabled === input.enabled) return;
    await tx.webhookEndpoint.update({
      where: { tenantId_id: { tenantId: by.tenantId, id: input.id } },
      data: input.enabled
        ? { enabled: true, pausedReason: null, pausedAt: null, failingSince: null }
        : { enabled: false, pausedReason: "manual", pausedAt: new Date() },
    });
    await recordAudit(tx, webhookAuditActor(by), {
      action: input.enabled ? "webhook_endpoint.enabled" : "webhook_endpoint.paused",
      targetType: "webhook_endpoint",
      targetId: input.id,
      targetLabel: endpoint.url,
    });
  });
  return { id: input.id };
}
