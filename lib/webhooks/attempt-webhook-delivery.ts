import { safeFetch, type SafeFetchOptions } from "@/lib/net/safe-fetch";
import { OutboundRefusedError } from "@/lib/net/outbound-refused-error";
import type { ClaimedDelivery } from "./claim-webhook-deliveries";
import { signWebhook, type SignedHeaders } from "./sign-webhook";
import { renderWebhookPayload } from "./webhook-payload";
import { openWebhookSecret } from "./webhook-secret";

export type AttemptOutcome = {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed: `http_<status>`, or the address guard's reason (`timeout`, `connect_failed`…). */
  error: string | null;
  durationMs: number;
};

export type AttemptOptions = Pick<SafeFetchOptions, "allowLocalProviders" | "lookup" | "timeoutMs">;

const RESPONSE_LIMIT_BYTES = 64 * 1024;

/** The secrets a delivery is signed with now: the current one, and the previous one during the overlap. */
export function signingSecrets(delivery: ClaimedDelivery, now: Date): string[] {
  const secrets = [openWebhookSecret(delivery.endpointId, "secret", delivery.secretCipher)];
  if (
    delivery.previousSecretCipher &&
    delivery.previousSecretExpiresAt &&
    delivery.previousSecretExpiresAt > now
  ) {
    secrets.push(openWebhookSecret(delivery.endpointId, "previousSecret", delivery.previousSecretCipher));
  }
  return secrets;
}

/**
 * One POST of an event to its endpoint, signed for this attempt's time,
 * through the guarded fetch (https, public addresses, no redirect, bounded
 * size and time). Any 2xx is a success; everything else a failure to retry.
 */
export async function attemptWebhookDelivery(
  delivery: ClaimedDelivery,
  options: AttemptOptions = {},
): Promise<AttemptOutcome> {
  const started = Date.now();
  const body = JSON.stringify(renderWebhookPayload(delivery));
  let headers: SignedHeaders;
  try {
    headers = signWebhook(
      delivery.eventId,
      new Date(started),
      body,
      signingSecrets(delivery, new Date(started)),
    );
  } catch {
    // The encryption key that sealed the secret is gone: retried, and shown, until an admin rotates the secret.
    return { ok: false, statusCode: null, error: "secret_unreadable", durationMs: 0 };
  }
  try {
    const response = await safeFetch(
      delivery.url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Relais-Webhooks/1", ...headers },
        body,
      },
      { ...options, maxBytes: RESPONSE_LIMIT_BYTES },
    );
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      error: ok ? null : `http_${response.status}`,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    const code = error instanceof OutboundRefusedError ? error.reason : "request_failed";
    return { ok: false, statusCode: null, error: code, durationMs: Date.now() - started };
  }
}
