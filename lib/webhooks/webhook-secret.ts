import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

const PREFIX = "whsec_";

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

/** The key bytes an HMAC is computed with: the base64 part of the secret. */
export function webhookSecretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

type Slot = "secret" | "previousSecret";

const aad = (endpointId: string, slot: Slot) => `webhookEndpoint:${endpointId}:${slot}`;

/** The associated data of an endpoint's signing secrets (lib/secrets/encrypted-columns.ts). */
export const webhookSecretAad = (endpointId: string) => aad(endpointId, "secret");
export const webhookPreviousSecretAad = (endpointId: string) => aad(endpointId, "previousSecret");

export function sealWebhookSecret(endpointId: string, slot: Slot, secret: string): string {
  return encryptSecret(secret, aad(endpointId, slot));
}

export function openWebhookSecret(endpointId: string, slot: Slot, cipher: string): string {
  return decryptSecret(cipher, aad(endpointId, slot));
}
