import { z } from "zod";
import type { QueueMailInput } from "@/lib/outbox/queue-mail";
import { ApiError } from "./api-response";

/** `from` is not a mailbox of the key (or of its tenant): not found, whichever it is. */
export const mailboxNotFound = () =>
  new ApiError(404, "mailbox_not_found", "No mailbox with this address is available to this API key.");

const addressList = z.union([z.string(), z.array(z.string())]).optional();

export const messageRequestSchema = z.object({
  from: z.string().min(1),
  to: addressList,
  cc: addressList,
  bcc: addressList,
  subject: z.string(),
  text: z.string().nullish(),
  html: z.string().nullish(),
  attachments: z
    .array(z.object({ filename: z.string(), contentType: z.string(), contentBase64: z.string() }))
    .optional(),
  sendAt: z.iso.datetime({ offset: true }).nullish(),
  idempotencyKey: z.string().min(1).max(200).nullish(),
});

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The JSON body of POST /api/v1/messages as a queue request; shape errors are 400s. */
export function parseMessageRequest(body: unknown, idempotencyHeader: string | null): QueueMailInput {
  const parsed = messageRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "body";
    throw new ApiError(400, "invalid_request", `${where}: ${issue?.message ?? "invalid"}`);
  }
  const input = parsed.data;
  const attachments = (input.attachments ?? []).map((a, index) => {
    const clean = a.contentBase64.replace(/\s+/g, "");
    if (!BASE64.test(clean)) {
      throw new ApiError(400, "invalid_request", `attachments.${index}.contentBase64: not base64`);
    }
    return { filename: a.filename, contentType: a.contentType, content: Buffer.from(clean, "base64") };
  });
  return {
    mailbox: { address: input.from },
    idempotencyKey: input.idempotencyKey ?? idempotencyHeader,
    draft: {
      to: list(input.to),
      cc: list(input.cc),
      bcc: list(input.bcc),
      subject: input.subject,
      text: input.text,
      html: input.html,
      attachments,
      sendAt: input.sendAt ? new Date(input.sendAt) : null,
    },
  };
}
