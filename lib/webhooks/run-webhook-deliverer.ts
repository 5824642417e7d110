import { getDb } from "@/lib/db/client";
import type { Log } from "@/lib/log/log";
import { logger } from "@/lib/log/logger";
import { countWebhookDelivery, markHeartbeat } from "@/lib/metrics/metrics";
import { attemptWebhookDelivery, type AttemptOptions } from "./attempt-webhook-delivery";
import { claimWebhookDeliveries } from "./claim-webhook-deliveries";
import { pauseFailingWebhookEndpoint } from "./pause-failing-webhook-endpoint";
import { settleWebhookDelivery } from "./settle-webhook-delivery";

export type WebhookDelivererOptions = AttemptOptions & {
  workerId: string;
  /** Deliveries in flight at once. */
  concurrency?: number;
  leaseMs?: number;
  /** How long to sleep when nothing is due. */
  pollMs?: number;
  /** Where failures are logged; the root logger with the worker's id by default. */
  log?: Log;
};

const logOf = (options: WebhookDelivererOptions): Log =>
  options.log ?? logger().child({ workerId: options.workerId });

/**
 * Claims due deliveries and posts them, `concurrency` at a time, until
 * stopped. Returns how many deliveries one round settled (tests drive rounds
 * directly with `deliverDueWebhooks`).
 */
export async function deliverDueWebhooks(options: WebhookDelivererOptions): Promise<number> {
  const log = logOf(options);
  const db = await getDb();
  const claimed = await claimWebhookDeliveries(db, {
    workerId: options.workerId,
    limit: options.concurrency ?? 10,
    leaseMs: options.leaseMs ?? 60_000,
  });
  await Promise.all(
    claimed.map(async (delivery) => {
      const outcome = await attemptWebhookDelivery(delivery, options);
      const { settled, failingTooLong } = await settleWebhookDelivery(
        db,
        options.workerId,
        delivery,
        outcome,
      );
      countWebhookDelivery(settled);
      const about = { tenantId: delivery.tenantId, endpointId: delivery.endpointId, deliveryId: delivery.id };
      if (settled === "lease_lost") log.warn(about, "Lease lost on a webhook delivery");
      if (failingTooLong && (await pauseFailingWebhookEndpoint(delivery.tenantId, delivery.endpointId))) {
        log.warn(about, "Webhook endpoint paused: failing for days");
      }
    }),
  );
  return claimed.length;
}

/** The workers' webhook loop, beside the mail loop. `stop()` lets the deliveries in flight finish. */
export function startWebhookDeliverer(options: WebhookDelivererOptions) {
  const pollMs = options.pollMs ?? 1_000;
  const log = logOf(options);
  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopping) {
      markHeartbeat("webhooks");
      let settled = 0;
      try {
        settled = await deliverDueWebhooks({ ...options, log });
      } catch (error) {
        log.error({ err: error }, "Webhook delivery round failed");
      }
      if (settled === 0 && !stopping) await sleep(pollMs);
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
