/** The events an endpoint can ask for (docs/webhooks.md, and the OpenAPI document's `webhooks`). */
export const webhookEventTypes = [
  "mail.sent",
  "mail.failed",
  "mail.held",
  "mail.released",
  "mailbox.state_changed",
  "mailbox.ending_soon",
  "configuration.error",
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Sent to one endpoint on demand ("send a test event"), whatever it asked for. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(value);
}
