import type { DbTransaction } from "@/lib/db/client";

export type WebhookEventCandidate = {
  tenantId: string;
  type: string;
  mailboxId?: string | null;
  /** Deliveries with the same key go out in order; default the mailbox, else none. */
  orderingKey?: string;
  data: Record<string, unknown>;
  /** An event with a key already written is not written again. */
  dedupeKey?: string;
  /** Only this endpoint, whatever it subscribed to (a test event). */
  endpointId?: string;
};

/**
 * Writes events that no row change causes (a forecast, a test) through the
 * same fan-out as the triggers (`webhook_queue`, migration `webhooks`): one
 * delivery per enabled endpoint of the school that wants the type. Returns the
 * number of deliveries written.
 */
export async function queueWebhookEvents(
  tx: Pick<DbTransaction, "$queryRaw">,
  candidates: readonly WebhookEventCandidate[],
): Promise<number> {
  if (candidates.length === 0) return 0;
  const rows = await tx.$queryRaw<{ count: number }[]>`
    SELECT "webhook_queue"(${JSON.stringify(candidates)}::jsonb) AS count`;
  return rows[0]?.count ?? 0;
}
