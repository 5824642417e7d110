import type { TenantContext } from "@/lib/auth/tenant-context";
import type { Prisma } from "@/lib/db/generated/client";

/** Who asks to send: a person in the portal, or a program holding an API key. */
export type MailSender =
  { kind: "person"; ctx: TenantContext } | { kind: "apiKey"; tenantId: string; apiKeyId: string };

export type MailboxSelector = { mailboxId: string } | { address: string };

export const tenantOf = (sender: MailSender) =>
  sender.kind === "person" ? sender.ctx.tenantId : sender.tenantId;

/**
 * The mailboxes this sender may use, inside the query: admins any of the
 * tenant's, members those assigned to them, API keys those listed on the key.
 */
export function usableMailboxWhere(sender: MailSender): Prisma.MailboxWhereInput {
  if (sender.kind === "apiKey") {
    return {
      tenantId: sender.tenantId,
      apiKeys: { some: { apiKeyId: sender.apiKeyId, apiKey: { revokedAt: null } } },
    };
  }
  const { ctx } = sender;
  if (ctx.role === "admin") return { tenantId: ctx.tenantId };
  return { tenantId: ctx.tenantId, assignments: { some: { userId: ctx.userId } } };
}

/** The outgoing mail this sender may see and change: that of its usable mailboxes (and, for a key, its own). */
export function visibleMailWhere(sender: MailSender): Prisma.OutgoingMailWhereInput {
  const base: Prisma.OutgoingMailWhereInput = {
    tenantId: tenantOf(sender),
    mailbox: usableMailboxWhere(sender),
  };
  return sender.kind === "apiKey" ? { ...base, apiKeyId: sender.apiKeyId } : base;
}
