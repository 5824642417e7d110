import { z } from "zod";

const ids = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.uuid({ error: "errors.validation.invalid" })).min(1, { error: "outbox.apiKeys.noMailbox" }),
);

export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "errors.validation.required" })
    .max(100, { error: "errors.validation.tooLong" }),
  mailboxIds: ids,
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ id: z.string() });
