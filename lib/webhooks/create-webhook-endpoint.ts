import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import type { CreateWebhookEndpointInput } from "./webhook-schemas";
import {
  assertCanManageWebhooks,
  managerUserId,
  webhookAuditActor,
  type WebhookManager,
} from "./webhook-manager";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secret";

export const MAX_ENDPOINTS_PER_TENANT = 20;

/** A new endpoint, enabled. Its signing secret is returned once and stored encrypted only. */
export async function createWebhookEndpoint(by: WebhookManager, input: CreateWebhookEndpointInput) {
  assertCanManageWebhooks(by);
  const db = await getDb();
  const id = randomUUID();
  const secret = newWebhookSecret();
  return db.$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { tenantId: by.tenantId } })) >= MAX_ENDPOINTS_PER_TENANT) {
      throw new DomainError("invalid_input", "webhooks.errors.tooManyEndpoints");
    }
    await tx.webhookEndpoint.create({
      data: {
        id,
        tenantId: by.tenantId,
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        secretCipher: sealWebhookSecret(id, "secret", secret),
        createdById: managerUserId(by),
      },
    });
    await recordAudit(tx, webhookAuditActor(by), {
      action: "webhook_endpoint.created",
      targetType: "webhook_endpoint",
      targetId: id,
      targetLabel: input.url,
      details: { events: input.eventTypes },
    });
    return { id, secret };
  });
}
