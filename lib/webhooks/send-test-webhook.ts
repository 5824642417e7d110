import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { WEBHOOK_TEST_EVENT } from "./event-types";
import { lockWebhookEndpoint } from "./find-webhook-endpoint";
import { queueWebhookEvents } from "./queue-webhook-event";
import { assertCanManageWebhooks, webhookAuditActor, type WebhookManager } from "./webhook-manager";

/** Queues a `webhook.test` event for this endpoint only; the workers deliver it like any other. */
export async function sendTestWebhook(by: WebhookManager, id: string) {
  assertCanManageWebhooks(by);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const endpoint = await lockWebhookEndpoint(tx, by.tenantId, id);
    if (!endpoint.enabled) throw new DomainError("conflict", "webhooks.errors.endpointPaused");
    await queueWebhookEvents(tx, [
      { tenantId: by.tenantId, type: WEBHOOK_TEST_EVENT, endpointId: id, data: { endpointId: id } },
    ]);
    await recordAudit(tx, webhookAuditActor(by), {
      action: "webhook_endpoint.test_sent",
      targetType: "webhook_endpoint",
      targetId: id,
      targetLabel: endpoint.url,
    });
  });
  return { id };
}
