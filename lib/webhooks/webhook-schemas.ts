import { z } from "zod";
import { endpointUrlProblem } from "@/lib/clients/client-config-schema";
import { localProvidersAllowed } from "@/lib/net/outbound-settings";
import { webhookEventTypes } from "./event-types";

const eventTypes = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(webhookEventTypes, { error: "webhooks.errors.unknownEvent" }))
    .min(1, { error: "webhooks.errors.noEvent" })
    .transform((types) => [...new Set(types)]),
);

/**
 * The address an endpoint receives events at, under the rules of every
 * tenant-typed URL (docs/outbound-http.md): https, no private or loopback
 * address unless local providers are allowed, no credentials in it.
 */
const endpointUrl = z
  .string({ error: "webhooks.errors.urlRequired" })
  .trim()
  .min(1, { error: "webhooks.errors.urlRequired" })
  .max(2000, { error: "clients.validation.urlInvalid" })
  .superRefine((value, ctx) => {
    const problem = value === "" ? null : endpointUrlProblem(value, localProvidersAllowed());
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const description = z.string().trim().max(200, { error: "webhooks.errors.descriptionTooLong" }).default("");

export const createWebhookEndpointSchema = z.object({ url: endpointUrl, description, eventTypes });
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointSchema>;

export const updateWebhookEndpointSchema = z.object({
  id: z.uuid({ error: "errors.validation.invalid" }),
  url: endpointUrl,
  description,
  eventTypes,
});
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointSchema>;

export const webhookEndpointIdSchema = z.object({ id: z.uuid({ error: "errors.validation.invalid" }) });

export const setWebhookEndpointEnabledSchema = z.object({
  id: z.uuid({ error: "errors.validation.invalid" }),
  enabled: z.preprocess((value) => value === true || value === "true", z.boolean()),
});

export const redeliverWebhookSchema = z.object({
  id: z.uuid({ error: "errors.validation.invalid" }),
  deliveryId: z.uuid({ error: "errors.validation.invalid" }),
});
