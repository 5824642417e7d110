import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { lockWebhookEndpoint } from "./find-webhook-endpoint";
import { assertCanManageWebhooks, type WebhookManager } from "./webhook-manager";

/**
 * Sends an event to the endpoint again, as a new delivery of the same event:
 * same `webhook-id` and body, so that a receiver that de-duplicates sees it
 * once. Ordered after the mailbox's later events already queued.
 */
export async function redeliverWebhook(by: WebhookManager, input: { id: string; deliveryId: string }) {
  assertCanManageWebhooks(by);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await lockWebhookEndpoint(tx, by.tenantId, input.id);
    const original = await tx.webhookDelivery.findFirst({
      where: { tenantId: by.tenantId, endpointId: input.id, id: input.deliveryId },
      select: { eventId: true, orderingKey: true },
    });
    if (!original) throw notFound();
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "WebhookDelivery" ("tenantId", "endpointId", "eventId", seq, "orderingKey")
      VALUES (${by.tenantId}::uuid, ${input.id}::uuid, ${original.eventId}::uuid,
              nextval(pg_get_serial_sequence('"WebhookEvent"', 'seq')), ${original.orderingKey})
      RETURNING id`;
    return { id: input.id, deliveryId: rows[0]!.id };
  });
}
