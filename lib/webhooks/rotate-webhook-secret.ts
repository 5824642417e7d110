import { recordAudit } from "@/lib/audit/record-audit";
import { SecretDecryptError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { lockWebhookEndpoint } from "./find-webhook-endpoint";
import { assertCanManageWebhooks, webhookAuditActor, type WebhookManager } from "./webhook-manager";
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from "./webhook-secret";

function readableSecret(id: string, cipher: string): string | null {
  try {
    return openWebhookSecret(id, "secret", cipher);
  } catch (error) {
    if (error instanceof SecretDecryptError) return null;
    throw error;
  }
}

/** How long deliveries stay signed with the old secret too, so that receivers can switch without a gap. */
export const SECRET_OVERLAP_MS = 24 * 3600 * 1000;

/**
 * A new signing secret, returned once. For SECRET_OVERLAP_MS every delivery
 * carries two signatures (`webhook-signature: v1,<new> v1,<old>`): a
 * receiver still checking the old secret keeps accepting them.
 */
export async function rotateWebhookSecret(by: WebhookManager, id: string, now: Date = new Date()) {
  assertCanManageWebhooks(by);
  const db = await getDb();
  const secret = newWebhookSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + SECRET_OVERLAP_MS);
  await db.$transaction(async (tx) => {
    const endpoint = await lockWebhookEndpoint(tx, by.tenantId, id);
    const previous = readableSecret(id, endpoint.secretCipher);
    await tx.webhookEndpoint.update({
      where: { tenantId_id: { tenantId: by.tenantId, id } },
      data: {
        secretCipher: sealWebhookSecret(id, "secret", secret),
        // A secret the keys can no longer read signs nothing: the new one replaces it at once.
        previousSecretCipher: previous === null ? null : sealWebhookSecret(id, "previousSecret", previous),
        previousSecretExpiresAt: previous === null ? null : previousSecretExpiresAt,
      },
    });
    await recordAudit(tx, webhookAuditActor(by), {
      action: "webhook_endpoint.secret_rotated",
      targetType: "webhook_endpoint",
      targetId: id,
      targetLabel: endpoint.url,
      details: { previousSecretValidUntil: previousSecretExpiresAt.toISOString() },
    });
  });
  return { id, secret, previousSecretExpiresAt };
}
