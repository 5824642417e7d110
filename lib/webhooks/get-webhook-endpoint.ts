import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { renderWebhookPayload, type WebhookPayload } from "./webhook-payload";
import { assertCanManageWebhooks, type WebhookManager } from "./webhook-manager";

export const RECENT_DELIVERIES = 50;

export type WebhookDeliveryView = {
  id: string;
  eventId: string;
  type: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  /** The body every attempt of this event sends. */
  payload: WebhookPayload;
};

/** One endpoint of the school with its most recent deliveries, newest first; never its secret. */
export async function getWebhookEndpoint(by: WebhookManager, id: string) {
  assertCanManageWebhooks(by);
  const db = await getDb();
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { tenantId: by.tenantId, id },
    select: {
      id: true,
      url: true,
      description: true,
      eventTypes: true,
      enabled: true,
      pausedReason: true,
      pausedAt: true,
      failingSince: true,
      lastSuccessAt: true,
      previousSecretExpiresAt: true,
      createdAt: true,
    },
  });
  if (!endpoint) throw notFound();
  const rows = await db.webhookDelivery.findMany({
    where: { tenantId: by.tenantId, endpointId: id },
    orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
    take: RECENT_DELIVERIES,
    include: { event: { select: { id: true, type: true, createdAt: true, data: true } } },
  });
  const now = new Date();
  const deliveries: WebhookDeliveryView[] = rows.map((row) => ({
    id: row.id,
    eventId: row.eventId,
    type: row.event.type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastDurationMs: row.lastDurationMs,
    lastAttemptAt: row.lastAttemptAt,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
    payload: renderWebhookPayload(row.event),
  }));
  const secretOverlapUntil =
    endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now
      ? endpoint.previousSecretExpiresAt
      : null;
  return { ...endpoint, previousSecretExpiresAt: undefined, secretOverlapUntil, deliveries };
}

export type WebhookEndpointDetails = Awaited<ReturnType<typeof getWebhookEndpoint>>;
