import { getDb } from "@/lib/db/client";
import { assertCanManageWebhooks, type WebhookManager } from "./webhook-manager";

export type WebhookEndpointSummary = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  pausedReason: string | null;
  failingSince: Date | null;
  lastSuccessAt: Date | null;
  createdAt: Date;
  /** Deliveries waiting or retrying. */
  pending: number;
  /** Deliveries that gave up in the history kept. */
  failed: number;
};

/** The school's endpoints, oldest first, with their pending and failed deliveries counted. */
export async function listWebhookEndpoints(by: WebhookManager): Promise<WebhookEndpointSummary[]> {
  assertCanManageWebhooks(by);
  const db = await getDb();
  const [endpoints, counts] = await Promise.all([
    db.webhookEndpoint.findMany({
      where: { tenantId: by.tenantId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        url: true,
        description: true,
        eventTypes: true,
        enabled: true,
        pausedReason: true,
        failingSince: true,
        lastSuccessAt: true,
        createdAt: true,
      },
    }),
    db.webhookDelivery.groupBy({
      by: ["endpointId", "status"],
      where: { tenantId: by.tenantId, status: { in: ["pending", "failed"] } },
      _count: { _all: true },
    }),
  ]);
  const count = (endpointId: string, status: "pending" | "failed") =>
    counts.find((c) => c.endpointId === endpointId && c.status === status)?._count._all ?? 0;
  return endpoints.map((e) => ({ ...e, pending: count(e.id, "pending"), failed: count(e.id, "failed") }));
}
