import { startWebhookDeliverer } from "../../lib/webhooks/run-webhook-deliverer";

// A webhook deliverer in a process of its own, for the tests that kill one mid-delivery.
// DATABASE_URL names the test's database; RELAIS_WEBHOOK_LEASE_MS its lease.
startWebhookDeliverer({
  workerId: `child:${process.pid}`,
  allowLocalProviders: true,
  leaseMs: Number(process.env.RELAIS_WEBHOOK_LEASE_MS ?? 60_000),
  timeoutMs: 60_000,
  pollMs: 100,
});
