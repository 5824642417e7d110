import {
  MAX_ATTEMPTS,
  PAUSE_FAILING_AFTER_MS,
  RETRY_DELAYS_MS,
  WEBHOOK_HISTORY_DAYS,
} from "@/lib/webhooks/delivery-schedule";
import { WEBHOOK_TEST_EVENT, webhookEventTypes } from "@/lib/webhooks/event-types";
import { mailReasonCodes } from "@/lib/webhooks/webhook-payload";

// The webhooks part of the OpenAPI document (openapi-document.ts): the routes that manage
// endpoints, and under `webhooks` the request Relais makes for each event type, with its body
// exactly as lib/webhooks/webhook-payload.ts renders it.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const errorResponse = (description: string) => json(ref("Error"), description);
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

/** 5000 → "5 s", 300000 → "5 min", 7200000 → "2 h". */
const duration = (ms: number) =>
  ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;

/** The retry schedule as the deliverer applies it (lib/webhooks/delivery-schedule.ts). */
export const WEBHOOK_RETRY_SCHEDULE = RETRY_DELAYS_MS.map(duration).join(", ");

const deliveryRules = [
  `Relais POSTs each event as JSON (\`content-type: application/json\`, \`user-agent: Relais-Webhooks/1\`) to every enabled endpoint of the school that asked for its type, signed as [Standard Webhooks](https://www.standardwebhooks.com/) specifies.`,
  "**Answer with any 2xx status within 10 s**: anything else (another status, a redirect, which is not followed, a timeout, a refused connection) is a failed attempt. Answer first and do the work afterwards.",
  `A failed attempt is retried after ${WEBHOOK_RETRY_SCHEDULE} (${MAX_ATTEMPTS} attempts in all); after the last, the delivery has failed. An endpoint whose deliveries have all failed for ${PAUSE_FAILING_AFTER_MS / 86_400_000} days is paused and the school's admins are mailed; its pending deliveries wait until it is enabled again.`,
  "**De-duplicate by `webhook-id`**: it is the event's id, the same on every attempt and on a redelivery, and an event may arrive more than once (a worker that stopped mid-delivery, a redelivery). Events of one mailbox reach an endpoint in the order they happened; events of different mailboxes may interleave.",
  "**Verify the signature** before trusting the body: compute HMAC-SHA256, keyed with the base64-decoded part of the endpoint's secret after `whsec_`, over `<webhook-id>.<webhook-timestamp>.<raw body>`, encode it in base64, and accept the request if it equals (compared in constant time) one of the space-separated `v1,<signature>` values of `webhook-signature`. For 24 h after the secret is rotated, each request carries two signatures: the new secret's and the old one's. Refuse a `webhook-timestamp` more than 5 minutes away from your clock, to stop replays.",
  `Deliveries and their bodies are kept ${WEBHOOK_HISTORY_DAYS} days (GET /webhooks/{id} shows the latest), and can be sent again with POST /webhooks/{id}/deliveries/{deliveryId}/redeliver.`,
].join("\n\n");

const signatureHeaders = [
  {
    name: "webhook-id",
    in: "header",
    required: true,
    schema: { type: "string", format: "uuid" },
    description:
      "The event's id: the same on every attempt and redelivery of the event. Use it to process each event once.",
  },
  {
    name: "webhook-timestamp",
    in: "header",
    required: true,
    schema: { type: "string", pattern: "^[0-9]+$", examples: ["1764950400"] },
    description:
      "When this attempt was signed, in seconds since 1970-01-01 UTC. Refuse one too far from your clock.",
  },
  {
    name: "webhook-signature",
    in: "header",
    required: true,
    schema: {
      type: "string",
      pattern: "^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$",
      examples: ["v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="],
    },
    description:
      "`v1,` and the base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` with the endpoint's secret; during the 24 h after a rotation, two such values separated by a space (new secret first, then the old one).",
  },
];

const uuid = { type: "string", format: "uuid" };
const dateTime = { type: "string", format: "date-time" };
const nullable = (type: string, extra: object = {}) => ({ type: [type, "null"], ...extra });
const mailStatus = ["queued", "sending", "sent", "held", "failed", "cancelled"];
const connectionStates = [
  "pending",
  "connected",
  "needs_reconnect",
  "insufficient_scope",
  "revoked",
  "config_error",
];

/** Codes of `reason.code` for a mail that is held or failed (lib/webhooks/webhook-payload.ts). */

/** A closed object: every property listed is always present (null when it does not apply). */
const closed = (properties: Record<string, object>, description?: string) => ({
  type: "object",
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
  ...(description ? { description } : {}),
});

/** The body of every event: `{ type, timestamp, data }`. */
const eventBody = (type: string, data: object, description: string) => ({
  ...closed({
    type: { const: type },
    timestamp: { ...dateTime, description: "When the event happened (UTC): the same on every attempt." },
    data,
  }),
  description,
});

const reasonMessage = { type: "string", description: "The reason in plain English words." };

const mailEvent = (
  type: string,
  description: string,
  facts: { status: object; previousStatus: object; reason: object; extra?: Record<string, object> },
) =>
  eventBody(
    type,
    closed({
      id: { ...uuid, description: "The mail's id (as returned by POST /messages)." },
      mailboxId: { ...uuid, description: "The mailbox it is sent from." },
      messageId: { type: "string", description: "Its Message-ID header." },
      idempotencyKey: nullable("string", { description: "The idempotency key it was queued with." }),
      source: {
        type: "string",
        enum: ["portal", "api", "relay"],
        description: "Written in the portal, queued through this API, or received by the SMTP relay.",
      },
      status: facts.status,
      previousStatus: facts.previousStatus,
      attempts: { type: "integer", description: "Sending attempts so far." },
      smtpResponse: nullable("string", { description: "The SMTP server's answer to the accepted mail." }),
      sentAt: nullable("string", { format: "date-time" }),
      reason: facts.reason,
      ...facts.extra,
    }),
    description,
  );

const mailReason = closed(
  {
    code: { type: "string", enum: [...mailReasonCodes] },
    message: reasonMessage,
    response: nullable("string", { description: "The mail server's own answer, if there was one." }),
  },
  "Why the mail is held or failed.",
);

/** One entry of the document's `webhooks`: the request Relais makes for an event type. */
const webhook = (summary: string, schema: string) => ({
  post: {
    summary,
    description: deliveryRules,
    security: [],
    parameters: signatureHeaders,
    requestBody: { required: true, content: { "application/json": { schema: ref(schema) } } },
    responses: {
      "2XX": { description: "Received. Any 2xx answer within 10 s; its body is ignored." },
      default: {
        description: `Any other answer, or none within 10 s: the attempt failed and is retried after ${WEBHOOK_RETRY_SCHEDULE}.`,
      },
    },
  },
});

/** The schema of each event's body, by event type. */
const eventSchemaNames: Record<string, keyof typeof eventSchemas> = {
  "mail.sent": "MailSentEvent",
  "mail.failed": "MailFailedEvent",
  "mail.held": "MailHeldEvent",
  "mail.released": "MailReleasedEvent",
  "mailbox.state_changed": "MailboxStateChangedEvent",
  "mailbox.ending_soon": "MailboxEndingSoonEvent",
  "configuration.error": "ConfigurationErrorEvent",
  [WEBHOOK_TEST_EVENT]: "WebhookTestEvent",
};

const eventSchemas = {
  MailSentEvent: mailEvent(
    "mail.sent",
    "A mail was accepted by the provider's SMTP server. When the server refused some recipients at `RCPT TO` while it accepted the others, the mail is sent to the others and `refusedRecipients` names those refused.",
    {
      status: { const: "sent" },
      previousStatus: { type: "string", enum: mailStatus },
      reason: { type: "null" },
      extra: {
        refusedRecipients: {
          type: "array",
          description:
            "The recipients the server refused at `RCPT TO` while it accepted the others, each with the server's answer; empty when every recipient was accepted.",
          items: closed({
            address: { type: "string", description: "The refused recipient's address." },
            response: { type: "string", description: "The server's answer to its `RCPT TO`." },
          }),
        },
      },
    },
  ),
  MailFailedEvent: mailEvent(
    "mail.failed",
    "A mail will not be sent: the server refused it for good, or every attempt failed.",
    { status: { const: "failed" }, previousStatus: { type: "string", enum: mailStatus }, reason: mailReason },
  ),
  MailHeldEvent: mailEvent(
    "mail.held",
    "A mail waits for its mailbox (to be reconnected, or for a quota pause to end); it is sent when the mailbox can send again (then `mail.released`).",
    {
      status: { const: "held" },
      previousStatus: nullable("string", {
        enum: [...mailStatus, null],
        description: "Null when the mail was held as soon as it was queued.",
      }),
      reason: mailReason,
    },
  ),
  MailReleasedEvent: mailEvent(
    "mail.released",
    "A held mail is back in the queue: its mailbox can send again.",
    {
      status: { const: "queued" },
      previousStatus: { const: "held" },
      reason: closed({ code: { const: "released" }, message: reasonMessage, response: { type: "null" } }),
    },
  ),
  MailboxStateChangedEvent: eventBody(
    "mailbox.state_changed",
    closed({
      mailboxId: uuid,
      address: { type: "string", format: "email" },
      state: {
        type: "string",
        enum: [...connectionStates, "paused"],
        description:
          "The connection's new state, or `paused` when a connected mailbox's sending is paused after a quota answer from the provider (its mail is held until `pausedUntil`).",
      },
      previousState: { type: "string", enum: connectionStates },
      pausedUntil: nullable("string", { format: "date-time", description: "Set when `state` is `paused`." }),
      reason: closed({
        code: {
          type: "string",
          description:
            "The provider's or Relais's error code (e.g. `invalid_grant`), or the pause's reason; else the state itself.",
        },
        message: reasonMessage,
      }),
    }),
    "A mailbox's connection changed state (needs to be reconnected, lacks a permission, revoked, connected again…), or its sending was paused.",
  ),
  MailboxEndingSoonEvent: eventBody(
    "mailbox.ending_soon",
    closed({
      mailboxId: uuid,
      address: { type: "string", format: "email" },
      endsAt: { ...dateTime, description: "When the connection is forecast to end." },
      reason: closed({
        code: {
          type: "string",
          enum: ["provider", "inactivity", "testing"],
          description:
            '`provider`: the provider announced the end, its owner must reconnect; `inactivity`: it ends unless the mailbox is used before then; `testing`: the school\'s Google application is in "Testing" publishing status, which ends every grant 7 days after it was given (publish the application).',
        },
        message: reasonMessage,
      }),
    }),
    "A connected mailbox's connection is forecast to end within 14 days; sent once per forecast end.",
  ),
  ConfigurationErrorEvent: eventBody(
    "configuration.error",
    closed({
      configurationId: uuid,
      name: { type: "string", description: "The OAuth client configuration's name in the portal." },
      provider: { type: "string", enum: ["google", "microsoft", "platform_microsoft", "custom"] },
      reason: closed({
        code: nullable("string", { description: "The provider's error code (e.g. `invalid_client`)." }),
        message: reasonMessage,
      }),
    }),
    "The provider refused the school's OAuth client configuration itself (a deleted application, an expired client secret): its mailboxes cannot send until an admin fixes it.",
  ),
  WebhookTestEvent: eventBody(
    WEBHOOK_TEST_EVENT,
    closed({ endpointId: uuid, message: { type: "string" } }),
    "Sent on demand to one endpoint (POST /webhooks/{id}/test), whatever events it asked for.",
  ),
};

const webhookErrors = {
  "401": errorResponse("Missing, unknown or revoked API key."),
  "403": errorResponse("The key may not manage webhook endpoints."),
};
const notFoundEndpoint = errorResponse("No such endpoint in the key's school.");
const endpointBody = {
  url: {
    type: "string",
    format: "uri",
    maxLength: 2000,
    description:
      "Where events are POSTed: https, a public address (no private, loopback or reserved network), no user name or password.",
  },
  description: { type: "string", maxLength: 200, description: "What receives the events, for the reader." },
  eventTypes: {
    type: "array",
    minItems: 1,
    uniqueItems: true,
    items: ref("WebhookEventType"),
    description: "The events it receives (the `webhooks` of this document).",
  },
};

export const webhookPaths = {
  "/webhooks": {
    get: {
      summary: "The school's webhook endpoints",
      description: "Oldest first, with their deliveries pending and failed. Never their secrets.",
      responses: {
        "200": json(
          {
            type: "object",
            required: ["endpoints"],
            properties: { endpoints: { type: "array", items: ref("WebhookEndpointSummary") } },
          },
          "The endpoints.",
        ),
        ...webhookErrors,
      },
    },
    post: {
      summary: "Add a webhook endpoint",
      description:
        "The endpoint is enabled at once. Its signing secret is in the answer, **shown this once**: store it; it cannot be read again, only replaced (POST /webhooks/{id}/rotate-secret).",
      requestBody: {
        required: true,
        content: { "application/json": { schema: ref("NewWebhookEndpoint") } },
      },
      responses: {
        "201": {
          ...json(ref("CreatedWebhookEndpoint"), "Added, with its secret."),
          headers: { Location: { schema: { type: "string" }, description: "/api/v1/webhooks/{id}" } },
        },
        "400": errorResponse(
          "Malformed JSON, or fields refused (an http or private address, an unknown event…); `fields` says which and why.",
        ),
        ...webhookErrors,
        "413": errorResponse("The request body is too large."),
        "422": errorResponse("The school already has 20 endpoints."),
      },
    },
  },
  "/webhooks/{id}": {
    get: {
      summary: "A webhook endpoint and its recent deliveries",
      description: "The latest 50 deliveries, newest first, each with the body it sends. Never the secret.",
      parameters: [idParam],
      responses: {
        "200": json(ref("WebhookEndpointDetails"), "The endpoint."),
        ...webhookErrors,
        "404": notFoundEndpoint,
      },
    },
    patch: {
      summary: "Change, pause or enable a webhook endpoint",
      description:
        "Only the fields given change. `enabled: false` pauses the endpoint (no new events; its pending deliveries wait); `enabled: true` enables it again, also after Relais paused it for failing.",
      parameters: [idParam],
      requestBody: {
        required: true,
        content: { "application/json": { schema: ref("WebhookEndpointPatch") } },
      },
      responses: {
        "200": json(ref("WebhookEndpointDetails"), "The endpoint as changed."),
        "400": errorResponse("Malformed JSON or fields refused; see `fields`."),
        ...webhookErrors,
        "404": notFoundEndpoint,
        "413": errorResponse("The request body is too large."),
      },
    },
    delete: {
      summary: "Delete a webhook endpoint",
      description: "With its deliveries, pending ones included.",
      parameters: [idParam],
      responses: { "204": { description: "Deleted." }, ...webhookErrors, "404": notFoundEndpoint },
    },
  },
  "/webhooks/{id}/rotate-secret": {
    post: {
      summary: "Replace an endpoint's signing secret",
      description:
        "The new secret is in the answer, **shown this once**. Until `previousSecretValidUntil` (24 h), every delivery carries two signatures, with the new secret and with the old one, so that the receiver can switch without missing events.",
      parameters: [idParam],
      responses: {
        "200": json(ref("RotatedWebhookSecret"), "The new secret."),
        ...webhookErrors,
        "404": notFoundEndpoint,
      },
    },
  },
  "/webhooks/{id}/test": {
    post: {
      summary: "Send a test event to an endpoint",
      description: `Queues a \`${WEBHOOK_TEST_EVENT}\` event for this endpoint only; the workers deliver it like any other, within seconds. Its delivery shows in GET /webhooks/{id}.`,
      parameters: [idParam],
      responses: {
        "202": json(
          {
            type: "object",
            required: ["endpointId", "type"],
            properties: { endpointId: uuid, type: { const: WEBHOOK_TEST_EVENT } },
          },
          "Queued.",
        ),
        ...webhookErrors,
        "404": notFoundEndpoint,
        "409": errorResponse("The endpoint is paused: enable it first."),
      },
    },
  },
  "/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
    post: {
      summary: "Send a delivery's event again",
      description:
        "A new delivery of the same event, with the same `webhook-id` and body: a receiver that de-duplicates sees it once.",
      parameters: [
        idParam,
        {
          name: "deliveryId",
          in: "path",
          required: true,
          schema: uuid,
          description: "A delivery of this endpoint.",
        },
      ],
      responses: {
        "202": json(
          {
            type: "object",
            required: ["endpointId", "deliveryId"],
            properties: {
              endpointId: uuid,
              deliveryId: { ...uuid, description: "The new delivery." },
            },
          },
          "Queued.",
        ),
        ...webhookErrors,
        "404": errorResponse("No such endpoint in the key's school, or no such delivery of it."),
      },
    },
  },
};

/** One entry per event type, in OpenAPI 3.1's top-level `webhooks`. */
export const webhookEvents = Object.fromEntries(
  Object.entries(eventSchemaNames).map(([type, schema]) => [
    type,
    webhook(eventSchemas[schema].description, schema),
  ]),
);

export const webhookSchemas = {
  WebhookEventType: { type: "string", enum: [...webhookEventTypes] },
  NewWebhookEndpoint: {
    type: "object",
    required: ["url", "eventTypes"],
    additionalProperties: false,
    properties: endpointBody,
  },
  WebhookEndpointPatch: {
    type: "object",
    minProperties: 1,
    additionalProperties: false,
    properties: {
      ...endpointBody,
      enabled: { type: "boolean", description: "false pauses the endpoint; true enables it." },
    },
  },
  WebhookEndpoint: {
    type: "object",
    required: [
      "id",
      "url",
      "description",
      "eventTypes",
      "enabled",
      "pausedReason",
      "failingSince",
      "lastSuccessAt",
      "createdAt",
    ],
    properties: {
      id: uuid,
      url: { type: "string" },
      description: { type: "string" },
      eventTypes: { type: "array", items: ref("WebhookEventType") },
      enabled: { type: "boolean" },
      pausedReason: {
        type: ["string", "null"],
        enum: ["manual", "failing", null],
        description:
          "While paused: by a person or key (`manual`), or by Relais after days of failures (`failing`).",
      },
      failingSince: nullable("string", {
        format: "date-time",
        description: "The first failed attempt since the last success.",
      }),
      lastSuccessAt: nullable("string", { format: "date-time" }),
      createdAt: dateTime,
    },
  },
  WebhookEndpointSummary: {
    allOf: [
      ref("WebhookEndpoint"),
      {
        type: "object",
        required: ["pendingDeliveries", "failedDeliveries"],
        properties: {
          pendingDeliveries: { type: "integer", description: "Deliveries waiting or being retried." },
          failedDeliveries: { type: "integer", description: "Deliveries given up, in the history kept." },
        },
      },
    ],
  },
  WebhookSecret: {
    type: "string",
    pattern: "^whsec_[A-Za-z0-9+/]{43}=$",
    description:
      "The signing secret: `whsec_` and the base64 of 32 random bytes. The HMAC key is the decoded base64 part. Shown once: store it like a password.",
  },
  CreatedWebhookEndpoint: {
    allOf: [
      ref("WebhookEndpoint"),
      { type: "object", required: ["secret"], properties: { secret: ref("WebhookSecret") } },
    ],
  },
  RotatedWebhookSecret: {
    type: "object",
    required: ["id", "secret", "previousSecretValidUntil"],
    properties: {
      id: uuid,
      secret: ref("WebhookSecret"),
      previousSecretValidUntil: {
        ...dateTime,
        description: "Until then, deliveries are also signed with the previous secret.",
      },
    },
  },
  WebhookEndpointDetails: {
    allOf: [
      ref("WebhookEndpoint"),
      {
        type: "object",
        required: ["pausedAt", "previousSecretValidUntil", "deliveries"],
        properties: {
          pausedAt: nullable("string", { format: "date-time" }),
          previousSecretValidUntil: nullable("string", {
            format: "date-time",
            description:
              "After a rotation: until when deliveries also carry the previous secret's signature.",
          }),
          deliveries: { type: "array", items: ref("WebhookDelivery") },
        },
      },
    ],
  },
  WebhookDelivery: {
    type: "object",
    required: ["id", "eventId", "type", "status", "attempts", "createdAt", "payload"],
    properties: {
      id: uuid,
      eventId: { ...uuid, description: "Sent as `webhook-id`." },
      type: { type: "string" },
      status: { type: "string", enum: ["pending", "delivered", "failed"] },
      attempts: { type: "integer" },
      nextAttemptAt: nullable("string", { format: "date-time", description: "While pending." }),
      lastStatusCode: nullable("integer", {
        description: "The endpoint's HTTP status at the last attempt.",
      }),
      lastError: nullable("string", {
        description: "Why the last attempt failed: `http_<status>`, `timeout`, `connect_failed`…",
      }),
      lastDurationMs: nullable("integer"),
      lastAttemptAt: nullable("string", { format: "date-time" }),
      deliveredAt: nullable("string", { format: "date-time" }),
      createdAt: dateTime,
      payload: {
        description: "The body every attempt sends.",
        oneOf: Object.values(eventSchemaNames).map(ref),
        discriminator: {
          propertyName: "type",
          mapping: Object.fromEntries(
            Object.entries(eventSchemaNames).map(([type, schema]) => [
              type,
              `#/components/schemas/${schema}`,
            ]),
          ),
        },
      },
    },
  },
  ...eventSchemas,
};
