import { createHmac } from "node:crypto";
import { webhookSecretKey } from "./webhook-secret";

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/**
 * The Standard Webhooks headers for one attempt: HMAC-SHA256 over
 * `id.timestamp.body` with each secret in force (the current one, and the
 * previous one during a rotation's overlap), space-separated `v1,<base64>`.
 */
export function signWebhook(
  id: string,
  timestamp: Date,
  body: string,
  secrets: readonly string[],
): SignedHeaders {
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signatures = secrets.map((secret) => {
    const mac = createHmac("sha256", webhookSecretKey(secret))
      .update(`${id}.${seconds}.${body}`)
      .digest("base64");
    return `v1,${mac}`;
  });
  return { "webhook-id": id, "webhook-timestamp": seconds, "webhook-signature": signatures.join(" ") };
}
