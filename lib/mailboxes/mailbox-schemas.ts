import { z } from "zod";
import { ConnectionState } from "@/lib/db/generated/enums";
import { id, idList } from "@/lib/ids/id-schemas";
import { mailTransports } from "@/lib/transports/mail-transports";
import { maxAddressLength } from "./mailbox-address";

// Shared by the server actions (which parse forms with them) and the domain
// functions (whose input types come from them). Messages are catalog keys.

export const maxDisplayNameLength = 200;

const displayName = z
  .string()
  .trim()
  .max(maxDisplayNameLength, { error: "errors.validation.tooLong" })
  .optional()
  .transform((value) => value ?? "");

const clientConfigurationId = z.uuid({ error: "mailboxes.form.configurationRequired" });

/**
 * "Send through": empty is its configuration's transport (null); absent
 * (a caller that does not know transports) keeps what is stored.
 */
const transport = z.preprocess(
  (value) => (value === "" ? null : value),
  z.enum(mailTransports, { error: "mailboxes.form.transportInvalid" }).nullable().optional(),
);

/** "Sent as by a delegate": the account that connects; empty is none. Checked in the domain (mailbox-sending.ts). */
const delegateAccount = z
  .string({ error: "mailboxes.form.delegateInvalid" })
  .trim()
  .max(maxAddressLength, { error: "errors.validation.tooLong" })
  .optional();

export const createMailboxInput = z.object({
  address: z
    .string({ error: "errors.validation.required" })
    .trim()
    .min(1, { error: "errors.validation.required" })
    .max(maxAddressLength, { error: "errors.validation.tooLong" })
    .pipe(z.email({ error: "errors.validation.email" })),
  displayName,
  clientConfigurationId,
  members: idList(1000),
  transport,
  delegateAccount,
});
export type CreateMailboxInput = z.infer<typeof createMailboxInput>;

export const updateMailboxInput = z.object({
  id,
  displayName,
  clientConfigurationId,
  transport,
  delegateAccount,
});
export type UpdateMailboxInput = z.infer<typeof updateMailboxInput>;

export const assignMailboxMembersInput = z.object({ id, members: idList(1000) });
export type AssignMailboxMembersInput = z.infer<typeof assignMailboxMembersInput>;

export const mailboxIdInput = z.object({ id });
export type MailboxIdInput = z.infer<typeof mailboxIdInput>;

export const connectionStates = Object.values(ConnectionState);
