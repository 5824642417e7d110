import type { TenantContext } from "@/lib/auth/tenant-context";
import type { Prisma } from "@/lib/db/generated/client";
import { mailboxScope } from "@/lib/auth/mailbox-scope";

/** Who asks to send: a person in the portal, or a program holding an API key. */
export type MailSender =
  { kind: "person"; ctx: TenantContext } | { kind: "apiKey"; tenantId: string; apiKeyId: string };

export type MailboxSelector = { mailboxId: string } | { address: string };

export const tenantOf = (sender: MailSender) =>
  sender.kind === "person" ? sender.ctx.tenantId : sender.tenantId;

/**
 * The mailboxes this sender may use, inside the query: a person those of
 * mailboxScope "send" (an admin any of the tenant's, a member those assigned
 * to them), an API key those listed on the key (a key is not a person: its
 * list is its scope).
 */
export function usableMailboxWhere(sender: MailSender): Prisma.MailboxWhereInput {
  if (sender.kind === "apiKey") {
    return {
      tenantId: sender.tenantId,
      apiKeys: { some: { apiKeyId: sender.apiKeyId, apiKey: { revokedAt: null } } },
    };
  }
  return mailboxScope(sender.ctx, "send");
}

/** The outgoing mail this sender may see and change: that of its usable mailboxes (and, for a key, its own). */
export function visibleMailWhere(sender: MailSender): Prisma.OutgoingMailWhereInput {
  const base: Prisma.OutgoingMailWhereInput = {
    tenantId: tenantOf(sender),
    mailbox: usableMailboxWhere(sender),
  };
  return sender.kind === "apiKey" ? { ...base, apiKeyId: sender.apiKeyId } : base;
}
