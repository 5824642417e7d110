import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { webhookEventTypes } from "@/lib/webhooks/event-types";
import { sealWebhookSecret } from "@/lib/webhooks/webhook-secret";
import { demoProviderPorts } from "./demo-providers";

/** The demo school's webhook endpoint: the demo inbox page, which checks the signatures with this secret. */
export const demoWebhook = {
  url: () => `http://127.0.0.1:${demoProviderPorts().inbox}/webhooks`,
  description: "Logiciel de vie scolaire (démo)",
  secret: `whsec_${Buffer.from("relais-demo-webhook-signing-key!").toString("base64")}`,
} as const;

/** Gives the demo school an endpoint that wants every event, once. */
export async function seedDemoWebhook(db: Db, tenantSlug: string): Promise<void> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: tenantSlug }, select: { id: true } });
  if ((await db.webhookEndpoint.count({ where: { tenantId: tenant.id } })) > 0) return;
  const id = randomUUID();
  await db.webhookEndpoint.create({
    data: {
      id,
      tenantId: tenant.id,
      url: demoWebhook.url(),
      description: demoWebhook.description,
      eventTypes: [...webhookEventTypes],
      secretCipher: sealWebhookSecret(id, "secret", demoWebhook.secret),
    },
  });
}
