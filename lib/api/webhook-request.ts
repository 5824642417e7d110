import { z } from "zod";
import { createTranslator, isMessageKey } from "@/lib/i18n/translate";
import { webhookEventTypes, type WebhookEventType } from "@/lib/webhooks/event-types";
import { createWebhookEndpointSchema, type CreateWebhookEndpointInput } from "@/lib/webhooks/webhook-schemas";
import { ApiError } from "./api-response";

/** 64 KiB is ample for an endpoint's address, description and events. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

const shape = createWebhookEndpointSchema.shape;

/** POST /webhooks: the portal's rules (https, public address, known events), and no other field. */
const createRequestSchema = createWebhookEndpointSchema.strict();

/** PATCH /webhooks/{id}: any of the fields, each under the rules of creation. */
const patchRequestSchema = z
  .strictObject({
    url: shape.url.optional(),
    description: shape.description.unwrap().optional(),
    eventTypes: shape.eventTypes.optional(),
    enabled: z.boolean({ error: "Must be true or false." }).optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    error: "Give at least one of url, description, eventTypes and enabled.",
  });

export type WebhookPatch = {
  url?: string;
  description?: string;
  eventTypes?: WebhookEventType[];
  enabled?: boolean;
};

/**
 * A body's errors by field, in English words (an API has no reader's
 * language): the schemas' catalog keys translated, zod's own messages as
 * they are.
 */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const t = createTranslator("en");
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[key] ??= "Unknown field.";
      continue;
    }
    const field = issue.path.map(String).join(".") || "body";
    if (fields[field]) continue;
    if (field === "body" && issue.code === "invalid_type") {
      fields[field] = "The request body must be a JSON object.";
      continue;
    }
    const text = isMessageKey(issue.message) ? t(issue.message) : issue.message;
    fields[field] =
      issue.path[0] === "eventTypes" && issue.code === "invalid_value"
        ? `${text} Known events: ${webhookEventTypes.join(", ")}.`
        : text;
  }
  return fields;
}

/** A 400 naming each field in error, the way the messages API names them. */
function invalidRequest(error: z.ZodError): ApiError {
  const fields = fieldErrors(error);
  const message = Object.entries(fields)
    .map(([field, text]) => `${field}: ${text}`)
    .join(" ");
  return new ApiError(400, "invalid_request", message, fields);
}

/** The body of POST /api/v1/webhooks as a new endpoint; errors are 400s with `fields`. */
export function parseCreateWebhookRequest(body: unknown): CreateWebhookEndpointInput {
  const parsed = createRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

/** The body of PATCH /api/v1/webhooks/{id}: only the fields given; errors are 400s with `fields`. */
export function parseWebhookPatch(body: unknown): WebhookPatch {
  const parsed = patchRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}
