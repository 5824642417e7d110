import { z } from "zod";
import { connectLinkLifetime } from "@/lib/connect-links/connect-link-state";
import { ConnectionState, OAuthProviderKind } from "@/lib/db/generated/enums";
import { id, idList } from "@/lib/ids/id-schemas";

/** How many members the page sends links to at once: each one waits on the mail server. */
export const campaignPartSize = 10;

/** Reminder intervals offered, in days. */
export const reminderIntervals = [2, 3, 7, 14] as const;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The mailbox list's filter, as its URL writes it. */
export const campaignFilterShape = {
  q: optional(z.string().trim().max(200, { error: "errors.validation.tooLong" })),
  state: optional(z.enum(ConnectionState, { error: "errors.validation.invalid" })),
  config: optional(id),
  provider: optional(z.enum(OAuthProviderKind, { error: "errors.validation.invalid" })),
  member: optional(id),
};
export const campaignFilter = z.object(campaignFilterShape);
export type CampaignFilter = z.infer<typeof campaignFilter>;

export const startCampaignInput = z.object({
  name: z
    .string({ error: "campaigns.form.nameRequired" })
    .trim()
    .min(1, { error: "campaigns.form.nameRequired" })
    .max(120, { error: "errors.validation.tooLong" }),
  channel: z.enum(["mail", "copy"], { error: "errors.validation.invalid" }),
  linkDays: z.coerce
    .number({ error: "errors.validation.invalid" })
    .int({ error: "errors.validation.invalid" })
    .min(connectLinkLifetime.minDays, { error: "mailboxes.connectLinks.expiryRange" })
    .max(connectLinkLifetime.maxDays, { error: "mailboxes.connectLinks.expiryRange" })
    .default(connectLinkLifetime.defaultDays),
  /** Empty: no reminders. */
  reminderDays: optional(
    z.coerce
      .number({ error: "errors.validation.invalid" })
      .int({ error: "errors.validation.invalid" })
      .min(1, { error: "errors.validation.invalid" })
      .max(30, { error: "errors.validation.invalid" }),
  ),
  ...campaignFilterShape,
});
export type StartCampaignInput = z.infer<typeof startCampaignInput>;

export const campaignIdInput = z.object({ campaignId: id });
export type CampaignIdInput = z.infer<typeof campaignIdInput>;

/** One part of a sending: the members (by mailbox) given links now. */
export const campaignPartInput = z.object({
  campaignId: id,
  ids: idList(100).pipe(z.array(id).min(1, { error: "campaigns.run.noneSelected" })),
});
export type CampaignPartInput = z.infer<typeof campaignPartInput>;
