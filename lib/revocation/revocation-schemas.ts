import { z } from "zod";

const mailboxId = z.uuid({ error: "errors.validation.invalid" });

export const revokeConnectionInput = z.object({ id: mailboxId });

/** A form sends one value or several for a repeated field; always an array here. */
export const revokeConnectionsInput = z.object({
  ids: z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(mailboxId)
      .min(1, { error: "errors.validation.required" })
      .max(500, { error: "errors.validation.tooLong" }),
  ),
});
