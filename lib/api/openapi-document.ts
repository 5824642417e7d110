import { mailboxHealthCodes } from "@/lib/mailbox-health/mailbox-health";
import { webhookEvents, webhookPaths, webhookSchemas } from "./openapi-webhooks";

const error = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        fields: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
const addresses = {
  oneOf: [
    { type: "string", format: "email" },
    { type: "array", items: { type: "string", format: "email" } },
  ],
};
const status = { type: "string", enum: ["queued", "sending", "sent", "held", "failed", "cancelled"] };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

/** The mail submission API, as OpenAPI 3.1 (served at /api/v1/openapi.json). */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Relais mail submission API",
    version: "1.0.0",
    description:
      "Queue mail sent from your school's Google Workspace or Microsoft 365 mailboxes. Authenticate with an API key created by a tenant admin: `Authorization: Bearer relais_…`. A key may send only from the mailboxes chosen for it.\n\nA key created with the right to manage the school's webhook endpoints may also use `/webhooks`: Relais then POSTs signed events (mail sent, failed, held or released, a mailbox's connection changed or ending soon, a configuration refused) to the endpoints, as described under `webhooks`.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ apiKey: [] }],
  paths: {
    "/messages": {
      post: {
        summary: "Queue a mail",
        parameters: [
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            schema: { type: "string", maxLength: 200 },
            description:
              "Same key twice (per tenant) returns the first mail instead of queueing a second one.",
          },
        ],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/NewMessage" } } },
        },
        responses: {
          "202": {
            description: "Queued (or held while its mailbox cannot send).",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Queued" } } },
          },
          "200": {
            description: "The idempotency key was used before: the first mail.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Queued" } } },
          },
          "400": errorResponse("Malformed JSON or fields of the wrong type."),
          "401": errorResponse("Missing, unknown or revoked API key."),
          "404": errorResponse("`from` is not a mailbox of this key."),
          "409": errorResponse("The idempotency key belongs to another sender's mail."),
          "413": errorResponse("The request body is too large."),
          "422": errorResponse(
            "The mail was refused (addresses, header injection, sizes, recipients); see `fields`.",
          ),
        },
      },
    },
    "/messages/batch": {
      post: {
        summary: "Queue up to 500 mails at once",
        description:
          "Each message is shaped, checked and answered as `POST /messages` would (its own `idempotencyKey`; the `Idempotency-Key` header does not apply). The valid ones are queued together, in one transaction; the others are refused each with its reason. The answer lists every message's outcome in the order sent. A key repeated within the batch gets its first message's outcome. The body is capped at the size of one message: send mail with large attachments one by one.",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/NewMessageBatch" } } },
        },
        responses: {
          "200": {
            description: "The batch was read: each message's outcome, in order.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/BatchResult" } } },
          },
          "400": errorResponse("Malformed JSON, no `messages` array, or not 1 to 500 messages."),
          "401": errorResponse("Missing, unknown or revoked API key."),
          "413": errorResponse("The request body is too large."),
        },
      },
    },
    "/messages/{id}": {
      get: {
        summary: "A mail's status and attempt history",
        parameters: [idParam],
        responses: {
          "200": {
            description: "The mail.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Message" } } },
          },
          "401": errorResponse("Missing, unknown or revoked API key."),
          "404": errorResponse("No such mail sent with this key."),
        },
      },
      delete: {
        summary: "Cancel a mail that has not been sent",
        parameters: [idParam],
        responses: {
          "200": {
            description: "Cancelled.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { id: { type: "string" }, status: { const: "cancelled" } },
                },
              },
            },
          },
          "401": errorResponse("Missing, unknown or revoked API key."),
          "404": errorResponse("No such mail sent with this key."),
          "409": errorResponse("The mail is being sent or is already done."),
        },
      },
    },
    "/mailboxes": {
      get: {
        summary: "The mailboxes this key may send from",
        responses: {
          "200": {
            description: "Mailboxes with their connection state.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    mailboxes: { type: "array", items: { $ref: "#/components/schemas/Mailbox" } },
                  },
                },
              },
            },
          },
          "401": errorResponse("Missing, unknown or revoked API key."),
        },
      },
    },
    ...webhookPaths,
  },
  webhooks: webhookEvents,
  components: {
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "relais_<prefix>_<secret>" } },
    schemas: {
      Error: error,
      NewMessage: {
        type: "object",
        required: ["from", "subject"],
        properties: {
          from: {
            type: "string",
            format: "email",
            description: "The address of one of the key's mailboxes.",
          },
          to: addresses,
          cc: addresses,
          bcc: addresses,
          subject: { type: "string", maxLength: 998 },
          text: { type: ["string", "null"] },
          html: { type: ["string", "null"] },
          attachments: {
            type: "array",
            items: {
              type: "object",
              required: ["filename", "contentType", "contentBase64"],
              properties: {
                filename: { type: "string" },
                contentType: { type: "string", examples: ["application/pdf"] },
                contentBase64: { type: "string", contentEncoding: "base64" },
              },
            },
          },
          sendAt: { type: ["string", "null"], format: "date-time", description: "Not before this time." },
          idempotencyKey: { type: ["string", "null"], maxLength: 200 },
        },
        description:
          "Plain addresses only (no display names). At least one recipient; at most 100 per message for Google, 500 for Microsoft. A text and/or HTML body. No line breaks in the subject, addresses or file names. Message and attachments within the server's size limits (10 MiB and 5 MiB by default).",
      },
      NewMessageBatch: {
        type: "object",
        required: ["messages"],
        properties: {
          messages: {
            type: "array",
            minItems: 1,
            maxItems: 500,
            items: { $ref: "#/components/schemas/NewMessage" },
          },
        },
      },
      BatchResult: {
        type: "object",
        required: ["accepted", "duplicates", "rejected", "results"],
        properties: {
          accepted: { type: "integer", description: "Messages queued (or held) by this request." },
          duplicates: {
            type: "integer",
            description: "Messages whose idempotency key was used before: the first mail is their answer.",
          },
          rejected: { type: "integer" },
          results: {
            type: "array",
            items: {
              type: "object",
              required: ["index", "result"],
              properties: {
                index: { type: "integer", description: "The message's place in `messages`, from 0." },
                result: { type: "string", enum: ["accepted", "duplicate", "rejected"] },
                id: { type: "string", format: "uuid" },
                status,
                messageId: { type: "string" },
                error: {
                  description:
                    "Rejected: why, with the codes of `POST /messages` (`invalid_request`, `invalid_input` with `fields`, `mailbox_not_found`, `conflict`).",
                  ...error.properties.error,
                },
              },
            },
          },
        },
      },
      Queued: {
        type: "object",
        required: ["id", "status", "messageId"],
        properties: { id: { type: "string", format: "uuid" }, status, messageId: { type: "string" } },
      },
      Message: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          messageId: { type: "string" },
          status,
          from: { type: "string" },
          to: { type: "array", items: { type: "string" } },
          cc: { type: "array", items: { type: "string" } },
          bcc: { type: "array", items: { type: "string" } },
          subject: { type: "string" },
          sizeBytes: { type: "integer" },
          attempts: { type: "integer" },
          nextAttemptAt: { type: ["string", "null"], format: "date-time" },
          lastError: { type: ["string", "null"] },
          smtpResponse: { type: ["string", "null"] },
          refusedRecipients: {
            type: "array",
            description:
              "Sent, but the server refused these recipients at `RCPT TO` while it accepted the others; empty when none was refused.",
            items: {
              type: "object",
              required: ["address", "response"],
              properties: { address: { type: "string" }, response: { type: "string" } },
            },
          },
          sentAt: { type: ["string", "null"], format: "date-time" },
          createdAt: { type: "string", format: "date-time" },
          content: {
            type: "object",
            description:
              "The subject, body and attachments are deleted a number of days (the school's retention period) after the mail is sent, failed or cancelled; the rest of this record stays. Deleted: `subject` is empty and `attachments` is empty.",
            properties: {
              state: { type: "string", enum: ["kept", "deleted"] },
              deletedAt: { type: ["string", "null"], format: "date-time" },
              retentionDays: {
                type: ["integer", "null"],
                description:
                  "Kept: the school's period now. Deleted: the period that applied, or null when deleted by an erasure of the sender's data.",
              },
              deleteAfter: {
                type: ["string", "null"],
                format: "date-time",
                description: "Kept and finished: deleted soon after this time.",
              },
              note: {
                type: ["string", "null"],
                examples: [
                  "Subject, body and attachments deleted after 30 days (the school's retention period).",
                ],
              },
            },
          },
          attemptHistory: {
            type: "array",
            items: {
              type: "object",
              properties: {
                number: { type: "integer" },
                startedAt: { type: "string", format: "date-time" },
                finishedAt: { type: ["string", "null"], format: "date-time" },
                outcome: {
                  type: ["string", "null"],
                  enum: [
                    "sent",
                    "temporary",
                    "permanent",
                    "auth",
                    "quota",
                    "config",
                    "held",
                    "lease_lost",
                    null,
                  ],
                },
                smtpCode: { type: ["integer", "null"] },
                smtpResponse: { type: ["string", "null"] },
              },
            },
          },
        },
      },
      Mailbox: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          address: { type: "string" },
          displayName: { type: "string" },
          state: {
            type: "string",
            enum: [
              "pending",
              "connected",
              "needs_reconnect",
              "insufficient_scope",
              "revoked",
              "config_error",
            ],
          },
          pausedUntil: { type: ["string", "null"], format: "date-time" },
          health: { $ref: "#/components/schemas/MailboxHealth" },
        },
      },
      MailboxHealth: {
        type: "object",
        description:
          "The mailbox's health line, as the portal shows it: one stable code, how urgent it is, and the portal's words in English.",
        required: ["code", "tone", "summary", "since", "endsAt", "waitingMail", "errorCode"],
        additionalProperties: false,
        properties: {
          code: {
            type: "string",
            enum: [...mailboxHealthCodes],
            description:
              "`healthy`: connected and renewing itself. `ending_soon`: its authorization ends within 14 days (see `endsAt`). `no_renewal`: connected without a refresh token, so it stops within the hour. `retrying`: its last renewal failed for a temporary reason; Relais tries again. `attempt_failed`: connected, but a new attempt to connect it was refused (see `errorCode`). `paused`: the provider's sending limit paused it (see `pausedUntil`). `not_connected`, `needs_reconnect`, `permission_missing`, `needs_consent` (its new transport needs one more permission), `disconnected` (revoked), `application_refused` (the school's OAuth application was refused), `smtp_auth_disabled` (Microsoft has SMTP AUTH off for it), `send_as_denied` (the delegate has no Send As right): nothing is sent until someone acts; its mail waits, held.",
          },
          tone: { type: "string", enum: ["good", "notice", "warning", "problem"] },
          summary: {
            type: "string",
            description:
              'The health line in English, e.g. "Healthy · renews itself · ends if unused on March 2, 2027" or "Must be reconnected since January 3, 2027: 4 mails waiting". For people; match on `code`.',
          },
          since: {
            type: ["string", "null"],
            format: "date-time",
            description: "When the problem was recorded, when known.",
          },
          endsAt: {
            type: ["string", "null"],
            format: "date-time",
            description:
              "When its authorization ends if nothing renews it: the end the provider announced, or Microsoft's 90 days after the last renewal; null where it cannot be known (Google) or without a connection.",
          },
          waitingMail: { type: "integer", description: "Mails queued or held for it." },
          errorCode: {
            type: ["string", "null"],
            description:
              "The provider's (or Relais's) code behind the state, for support: e.g. `AADSTS700082`.",
          },
        },
      },
      ...webhookSchemas,
    },
  },
} as const;
