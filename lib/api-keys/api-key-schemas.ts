import { z } from "zod";

const ids = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.uuid({ error: "errors.validation.invalid" })),
);

/** A ticked checkbox ("on"), or a boolean when called from code. */
const checkbox = z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean());

/**
 * A key sends from at least one mailbox, unless it is only meant to manage
 * the school's webhook endpoints (then it may have none, and sends nothing).
 */
export const createApiKeySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "errors.validation.required" })
      .max(100, { error: "errors.validation.tooLong" }),
    mailboxIds: ids,
    manageWebhooks: checkbox.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.mailboxIds.length === 0 && !input.manageWebhooks) {
      ctx.addIssue({ code: "custom", path: ["mailboxIds"], message: "outbox.apiKeys.noMailbox" });
    }
  });
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ id: z.string() });
