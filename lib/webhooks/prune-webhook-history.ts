import type { Db } from "@/lib/db/client";
import { SQL_NOW } from "@/lib/db/sql-now";
import { WEBHOOK_HISTORY_DAYS } from "./delivery-schedule";

/**
 * Deletes events older than WEBHOOK_HISTORY_DAYS with their deliveries, once
 * none of those is still pending (a paused endpoint's backlog is kept).
 */
export async function pruneWebhookHistory(db: Pick<Db, "$executeRaw">): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "WebhookEvent" ev
     WHERE ev."createdAt" < ${SQL_NOW} - ${WEBHOOK_HISTORY_DAYS} * interval '1 day'
       AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d
                        WHERE d."tenantId" = ev."tenantId" AND d."eventId" = ev.id AND d.status = 'pending')`;
}
