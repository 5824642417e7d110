import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { lockWebhookEndpoint } from "./find-webhook-endpoint";
import { assertCanManageWebhooks, webhookAuditActor, type WebhookManager } from "./webhook-manager";

/** Deletes an endpoint with its deliveries; events no other endpoint delivers go with the history prune. */
export async function deleteWebhookEndpoint(by: WebhookManager, id: string) {
  assertCanManageWebhooks(by);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const endpoint = await lockWebhookEndpoint(tx, by.tenantId, id);
    await tx.webhookEndpoint.delete({ where: { tenantId_id: { tenantId: by.tenantId, id } } });
    await recordAudit(tx, webhookAuditActor(by), {
      action: "webhook_endpoint.deleted",
      targetType: "webhook_endpoint",
      targetId: id,
      targetLabel: endpoint.url,
    });
  });
  return { id };
}
