import { z } from "zod";
import { formatNetwork, parseNetwork } from "./networks";
import { relayFromPolicies } from "./relay-from-policies";

export const MAX_ALLOWED_NETWORKS = 50;

const ids = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.uuid({ error: "errors.validation.invalid" })).min(1, { error: "relay.errors.noMailbox" }),
);

/** A textarea or a CLI list: networks separated by commas, spaces or line breaks. */
const networks = z.preprocess(
  (value) => {
    const items = Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
    return items.flatMap((item) => item.split(/[\s,;]+/)).filter((item) => item.length > 0);
  },
  z
    .array(z.string())
    .max(MAX_ALLOWED_NETWORKS, { error: "relay.errors.tooManyNetworks" })
    .transform((items, context) => {
      const parsed: string[] = [];
      for (const item of items) {
        const network = parseNetwork(item);
        if (!network) {
          context.addIssue({ code: "custom", message: "relay.errors.badNetwork", input: item });
          return z.NEVER;
        }
        parsed.push(formatNetwork(network));
      }
      return [...new Set(parsed)];
    }),
);

const dailyCap = z.preprocess(
  (value) => (value === undefined || value === null || String(value).trim() === "" ? null : value),
  z.coerce
    .number({ error: "relay.errors.badDailyCap" })
    .int({ error: "relay.errors.badDailyCap" })
    .min(1, { error: "relay.errors.badDailyCap" })
    .max(100_000, { error: "relay.errors.badDailyCap" })
    .nullable(),
);

export const createRelayCredentialSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "errors.validation.required" })
      .max(100, { error: "errors.validation.tooLong" }),
    mailboxIds: ids,
    fromPolicy: z.enum(relayFromPolicies, { error: "errors.validation.invalid" }).default("as_sent"),
    allowedNetworks: networks,
    dailyCap,
  })
  .refine((input) => input.fromPolicy === "as_sent" || new Set(input.mailboxIds).size === 1, {
    path: ["mailboxIds"],
    error: "relay.errors.fixedNeedsOneMailbox",
  });
export type CreateRelayCredentialInput = z.infer<typeof createRelayCredentialSchema>;

export const relayCredentialIdSchema = z.object({ id: z.string() });
