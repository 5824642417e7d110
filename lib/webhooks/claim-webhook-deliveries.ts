import type { Db } from "@/lib/db/client";
import { SQL_NOW } from "@/lib/db/sql-now";

export type ClaimedDelivery = {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  /** Attempts so far, this one included. */
  attempts: number;
  url: string;
  secretCipher: string;
  previousSecretCipher: string | null;
  previousSecretExpiresAt: Date | null;
  type: string;
  createdAt: Date;
  data: unknown;
};

/**
 * Leases up to `limit` due deliveries to this worker (one more attempt each)
 * in one statement. A delivery is due when its time came, no live lease
 * holds it, its endpoint is enabled, and no earlier delivery with the same
 * ordering key (the mailbox) to the same endpoint is still pending: events
 * of one mailbox reach an endpoint in the order they happened. A lease that
 * expired (its worker died) is taken again: the event goes out again, with
 * the same `webhook-id`.
 */
export async function claimWebhookDeliveries(
  db: Pick<Db, "$queryRaw">,
  { workerId, limit, leaseMs }: { workerId: string; limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  return db.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT d.id
        FROM "WebhookDelivery" d
        JOIN "WebhookEndpoint" e ON e."tenantId" = d."tenantId" AND e.id = d."endpointId"
       WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${SQL_NOW}
         AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < ${SQL_NOW})
         AND e.enabled
         AND NOT EXISTS (
               SELECT 1 FROM "WebhookDelivery" p
                WHERE p."endpointId" = d."endpointId" AND p."orderingKey" = d."orderingKey"
                  AND p.status = 'pending' AND p.seq < d.seq)
       ORDER BY d."nextAttemptAt", d.seq
       LIMIT ${limit}
         FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
      UPDATE "WebhookDelivery" d
         SET "leaseOwner" = ${workerId},
             "leaseExpiresAt" = ${SQL_NOW} + ${leaseMs} * interval '1 millisecond',
             attempts = d.attempts + 1,
             "lastAttemptAt" = ${SQL_NOW}
        FROM due
       WHERE d.id = due.id
      RETURNING d.id, d."tenantId", d."endpointId", d."eventId", d.attempts, d.seq
    )
    SELECT c.id, c."tenantId", c."endpointId", c."eventId", c.attempts, e.url, e."secretCipher",
           e."previousSecretCipher", e."previousSecretExpiresAt", ev.type, ev."createdAt", ev.data
      FROM claimed c
      JOIN "WebhookEndpoint" e ON e."tenantId" = c."tenantId" AND e.id = c."endpointId"
      JOIN "WebhookEvent" ev ON ev."tenantId" = c."tenantId" AND ev.id = c."eventId"
     ORDER BY c.seq`;
}
