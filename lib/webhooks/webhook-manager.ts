import type { AuditActor } from "@/lib/audit/record-audit";
import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";

/** An API key allowed to manage its school's webhook endpoints (ApiKey.manageWebhooks). */
export type WebhookApiKeyManager = {
  kind: "apiKey";
  tenantId: string;
  apiKeyId: string;
  /** The key's prefix, for the audit log. */
  prefix: string;
  ip: string | null;
};

/** Who manages endpoints: an admin in the portal, or an API key with the webhooks right. */
export type WebhookManager = TenantContext | WebhookApiKeyManager;

const isApiKey = (by: WebhookManager): by is WebhookApiKeyManager => "kind" in by && by.kind === "apiKey";

/** Throws unless `by` may manage the school's webhook endpoints. */
export function assertCanManageWebhooks(by: WebhookManager): void {
  // An API key manager is only made for a key with manageWebhooks (lib/api/with-webhook-api-key.ts).
  if (!isApiKey(by) && !can(by, "webhooks.write")) throw forbidden();
}

/** The audit log's actor for a change made by `by`. */
export function webhookAuditActor(by: WebhookManager): TenantContext | (AuditActor & { tenantId: string }) {
  if (!isApiKey(by)) return by;
  return { tenantId: by.tenantId, userId: null, email: `api key ${by.prefix}…`, ip: by.ip };
}

export function managerUserId(by: WebhookManager): string | null {
  return isApiKey(by) ? null : by.userId;
}
