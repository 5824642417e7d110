import { can, type TenantContext } from "./tenant-context";
import type { Permission } from "./permissions";
import { Prisma } from "@/lib/db/generated/client";

/** What a person means to do with a mailbox. */
export type MailboxPurpose = "see" | "send" | "connect" | "revoke";

/**
 * Which of the school's mailboxes a purpose reaches: all of them, those
 * assigned to one person, or none (a role holding neither permission).
 */
export type MailboxScopeDecision = { all: true } | { assignedTo: string } | { none: true };

/** Per purpose: the permission that reaches every mailbox, and the one that reaches the assigned ones. */
const permissionsOf: Record<MailboxPurpose, { any: Permission; assigned: Permission }> = {
  see: { any: "mailboxes.read", assigned: "mailboxes.see.assigned" },
  send: { any: "mailboxes.send.any", assigned: "mailboxes.send.assigned" },
  connect: { any: "mailboxes.connect.any", assigned: "mailboxes.connect.assigned" },
  revoke: { any: "mailboxes.revoke.any", assigned: "mailboxes.revoke.assigned" },
};

/** The permission an entry point declares for a purpose: the narrower one, which every role that may act at all holds. */
export const mailboxPermissionFor = (purpose: MailboxPurpose): Permission => permissionsOf[purpose].assigned;

/**
 * The one decision of which mailboxes a person may act on, from the
 * permissions table (lib/auth/permissions.ts): an admin any of the school's,
 * a member those assigned to them. Every person-facing query on mailboxes
 * takes its `where` (mailboxScope) or its SQL (mailboxScopeSql) from here.
 */
export function mailboxScopeDecision(ctx: TenantContext, purpose: MailboxPurpose): MailboxScopeDecision {
  const { any, assigned } = permissionsOf[purpose];
  if (can(ctx, any)) return { all: true };
  if (can(ctx, assigned)) return { assignedTo: ctx.userId };
  return { none: true };
}

/** The decision as a Prisma `where` on Mailbox; the school is always in it. */
export function mailboxScope(ctx: TenantContext, purpose: MailboxPurpose): Prisma.MailboxWhereInput {
  const decision = mailboxScopeDecision(ctx, purpose);
  const tenantId = ctx.tenantId;
  if ("all" in decision) return { tenantId };
  if ("assignedTo" in decision) {
    return { tenantId, assignments: { some: { tenantId, userId: decision.assignedTo } } };
  }
  return { tenantId, id: { in: [] } };
}

/** The same decision as SQL on `"Mailbox" <alias>` (raw reads such as the mailbox table's pages). */
export function mailboxScopeSql(ctx: TenantContext, purpose: MailboxPurpose, alias = "m"): Prisma.Sql {
  const decision = mailboxScopeDecision(ctx, purpose);
  const m = Prisma.raw(alias);
  const tenantId = ctx.tenantId;
  const inTenant = Prisma.sql`${m}."tenantId" = ${tenantId}::uuid`;
  if ("all" in decision) return inTenant;
  if ("assignedTo" in decision) {
    return Prisma.sql`(${inTenant} AND EXISTS (
      SELECT 1 FROM "MailboxAssignment" a
      WHERE a."tenantId" = ${tenantId}::uuid AND a."mailboxId" = ${m}.id AND a."userId" = ${decision.assignedTo}::uuid))`;
  }
  return Prisma.sql`(${inTenant} AND FALSE)`;
}
