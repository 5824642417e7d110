"use server";

import { tenantAction } from "@/lib/actions/define-action";
import { createWebhookEndpoint } from "./create-webhook-endpoint";
import { deleteWebhookEndpoint } from "./delete-webhook-endpoint";
import { redeliverWebhook } from "./redeliver-webhook";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { sendTestWebhook } from "./send-test-webhook";
import { setWebhookEndpointEnabled } from "./set-webhook-endpoint-enabled";
import { updateWebhookEndpoint } from "./update-webhook-endpoint";
import {
  createWebhookEndpointSchema,
  redeliverWebhookSchema,
  setWebhookEndpointEnabledSchema,
  updateWebhookEndpointSchema,
  webhookEndpointIdSchema,
} from "./webhook-schemas";

// The portal's webhook forms, for school admins. Each action checks the
// session and `webhooks.write` itself (tenantAction); the domain functions
// check the permission again.

/** A new endpoint; its signing secret is in the answer, the one time it is shown. */
export const createWebhookEndpointAction = tenantAction(
  "webhooks.write",
  createWebhookEndpointSchema,
  createWebhookEndpoint,
);

export const updateWebhookEndpointAction = tenantAction(
  "webhooks.write",
  updateWebhookEndpointSchema,
  updateWebhookEndpoint,
);

export const setWebhookEndpointEnabledAction = tenantAction(
  "webhooks.write",
  setWebhookEndpointEnabledSchema,
  setWebhookEndpointEnabled,
);

export const deleteWebhookEndpointAction = tenantAction(
  "webhooks.write",
  webhookEndpointIdSchema,
  (ctx, input) => deleteWebhookEndpoint(ctx, input.id),
);

/** A new signing secret, in the answer once; the old one keeps signing for 24 hours. */
export const rotateWebhookSecretAction = tenantAction(
  "webhooks.write",
  webhookEndpointIdSchema,
  (ctx, input) => rotateWebhookSecret(ctx, input.id),
);

export const sendTestWebhookAction = tenantAction("webhooks.write", webhookEndpointIdSchema, (ctx, input) =>
  sendTestWebhook(ctx, input.id),
);

export const redeliverWebhookAction = tenantAction(
  "webhooks.write",
  redeliverWebhookSchema,
  redeliverWebhook,
);
