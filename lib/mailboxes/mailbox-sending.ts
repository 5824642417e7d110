import type { ProviderKind } from "@/lib/oauth/presets";
import type { MailTransport } from "@/lib/transports/mail-transports";
import { transportProblem } from "@/lib/transports/transport-problem";
import { fieldError } from "@/lib/errors/field-error";
import { normalizeMailboxAddress } from "./mailbox-address";

/**
 * The delegate account of a shared mailbox as stored: lower-cased, null for
 * none. It must be an address, and another one than the mailbox's own (the
 * mailbox's own account authorizing is what "no delegate" means).
 */
export function delegateAccountOf(raw: string, mailboxAddress: string): string | null {
  if (raw.trim() === "") return null;
  const delegate = normalizeMailboxAddress(raw);
  if (!delegate) throw fieldError("delegateAccount", "mailboxes.form.delegateInvalid");
  if (delegate === mailboxAddress)
    throw fieldError("delegateAccount", "mailboxes.form.delegateSameAsAddress");
  return delegate;
}

/**
 * The transport column of a mailbox sending through `transport` under this
 * configuration: null when it is the configuration's own (the mailbox then
 * follows the configuration's later changes), else the override. Refused,
 * on the "transport" field, when the configuration cannot send that way.
 */
export function transportOverrideOf(
  config: { provider: ProviderKind; apiBaseUrl: string | null; transport: MailTransport },
  transport: MailTransport | null,
): MailTransport | null {
  if (transport === null || transport === config.transport) return null;
  const problem = transportProblem(config, transport);
  if (problem === "not_offered") throw fieldError("transport", "mailboxes.form.transportNotOffered");
  if (problem === "no_api_base") throw fieldError("transport", "mailboxes.form.transportNeedsApiBase");
  return transport;
}
