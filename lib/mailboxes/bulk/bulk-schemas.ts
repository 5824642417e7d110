import { z } from "zod";
import { ConnectionState, OAuthProviderKind } from "@/lib/db/generated/enums";
import { connectLinkLifetime } from "@/lib/connect-links/connect-link-state";
import { id, idList } from "@/lib/ids/id-schemas";

export const bulkActions = ["connect_links", "revoke", "assign", "change_configuration"] as const;
export type BulkAction = (typeof bulkActions)[number];

/**
 * How many mailboxes the page sends to the server at once: small where each
 * one waits on a provider or a mail server (links are mailed, revocations
 * call the provider), larger where it is a database write.
 */
export const bulkPartSizes: Record<BulkAction, number> = {
  connect_links: 10,
  revoke: 10,
  assign: 50,
  change_configuration: 50,
};

/** A form's empty field means "no such filter"; anything else must be valid, never silently widened. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/**
 * What a bulk action applies to: the ids ticked on the page, or every mailbox
 * the table's filter matches (the same fields as the URL).
 */
export const bulkTargetInput = z.discriminatedUnion("scope", [
  z.object({
    scope: z.literal("selection"),
    ids: idList(1000).pipe(z.array(id).min(1, { error: "dashboard.bulk.noneSelected" })),
  }),
  z.object({
    scope: z.literal("filter"),
    q: optional(z.string().trim().max(200, { error: "errors.validation.tooLong" })),
    state: optional(z.enum(ConnectionState, { error: "errors.validation.invalid" })),
    config: optional(id),
    provider: optional(z.enum(OAuthProviderKind, { error: "errors.validation.invalid" })),
    member: optional(id),
  }),
]);
export type BulkTargetInput = z.infer<typeof bulkTargetInput>;

const expiresInDays = z.coerce
  .number({ error: "errors.validation.invalid" })
  .int({ error: "errors.validation.invalid" })
  .min(connectLinkLifetime.minDays, { error: "mailboxes.connectLinks.expiryRange" })
  .max(connectLinkLifetime.maxDays, { error: "mailboxes.connectLinks.expiryRange" })
  .default(connectLinkLifetime.defaultDays);

export const bulkActionInput = z.intersection(
  bulkTargetInput,
  z.discriminatedUnion("action", [
    z.object({ action: z.literal("connect_links"), expiresInDays }),
    z.object({ action: z.literal("revoke") }),
    z.object({
      action: z.literal("assign"),
      members: idList(1000).pipe(z.array(id).min(1, { error: "dashboard.bulk.noMember" })),
    }),
    z.object({
      action: z.literal("change_configuration"),
      clientConfigurationId: z.uuid({ error: "mailboxes.form.configurationRequired" }),
    }),
  ]),
);
export type BulkActionInput = z.infer<typeof bulkActionInput>;
