import type { Db } from "@/lib/db/client";
import { SQL_NOW } from "@/lib/db/sql-now";
import type { AttemptOutcome } from "./attempt-webhook-delivery";
import type { ClaimedDelivery } from "./claim-webhook-deliveries";
import { PAUSE_FAILING_AFTER_MS, retryDelayAfter } from "./delivery-schedule";

export type SettledDelivery = "delivered" | "retry" | "failed" | "lease_lost";

/**
 * Writes an attempt's outcome on its delivery, if this worker still holds
 * the lease, and on its endpoint: a success clears the endpoint's failing
 * streak; a failure starts one, and schedules the next attempt or, after the
 * last, marks the delivery failed. Returns the endpoint's id when this
 * failure made it one failing for longer than PAUSE_FAILING_AFTER_MS, so that
 * the caller pauses it.
 */
export async function settleWebhookDelivery(
  db: Pick<Db, "$transaction">,
  workerId: string,
  delivery: ClaimedDelivery,
  outcome: AttemptOutcome,
): Promise<{ settled: SettledDelivery; failingTooLong: boolean }> {
  return db.$transaction(async (tx) => {
    const delay = outcome.ok ? null : retryDelayAfter(delivery.attempts);
    const settled: SettledDelivery = outcome.ok ? "delivered" : delay === null ? "failed" : "retry";
    const changed = await tx.$executeRaw`
      UPDATE "WebhookDelivery"
         SET status = ${settled === "retry" ? "pending" : settled}::"WebhookDeliveryStatus",
             "nextAttemptAt" = ${SQL_NOW} + ${delay ?? 0} * interval '1 millisecond',
             "deliveredAt" = ${outcome.ok ? SQL_NOW : null},
             "lastStatusCode" = ${outcome.statusCode},
             "lastError" = ${outcome.error},
             "lastDurationMs" = ${outcome.durationMs},
             "leaseOwner" = NULL, "leaseExpiresAt" = NULL
       WHERE id = ${delivery.id}::uuid AND "tenantId" = ${delivery.tenantId}::uuid
         AND "leaseOwner" = ${workerId} AND status = 'pending'`;
    if (changed === 0) return { settled: "lease_lost" as const, failingTooLong: false };
    if (outcome.ok) {
      await tx.$executeRaw`
        UPDATE "WebhookEndpoint" SET "failingSince" = NULL, "lastSuccessAt" = ${SQL_NOW}
         WHERE id = ${delivery.endpointId}::uuid AND "tenantId" = ${delivery.tenantId}::uuid`;
      return { settled, failingTooLong: false };
    }
    const rows = await tx.$queryRaw<{ failingTooLong: boolean }[]>`
      UPDATE "WebhookEndpoint" SET "failingSince" = COALESCE("failingSince", ${SQL_NOW})
       WHERE id = ${delivery.endpointId}::uuid AND "tenantId" = ${delivery.tenantId}::uuid
      RETURNING enabled AND "failingSince" <= ${SQL_NOW} - ${PAUSE_FAILING_AFTER_MS} * interval '1 millisecond'
             AS "failingTooLong"`;
    return { settled, failingTooLong: rows[0]?.failingTooLong === true };
  });
}
