import type { TenantContext } from "@/lib/auth/tenant-context";
import { escapeLike } from "@/lib/db/escape-like";
import { Prisma } from "@/lib/db/generated/client";
import type { ConnectionState, OAuthProviderKind } from "@/lib/db/generated/enums";
import { mailboxScopeSql } from "@/lib/auth/mailbox-scope";

/** What the mailbox table filters on; bulk actions on "everything matching" take the same. */
export interface MailboxFilter {
  /** Part of the address or of the display name, any case. */
  search?: string;
  state?: ConnectionState;
  configurationId?: string;
  provider?: OAuthProviderKind;
  /** Mailboxes assigned to this member. */
  memberId?: string;
}

/**
 * The one tenant-scoped condition of the table and of bulk actions, on
 * `"Mailbox" m`, so that "all N matching mailboxes" in a confirmation is
 * exactly what the list shows. SQL rather than a Prisma where clause: the
 * table reads its pages with row comparisons Prisma cannot write.
 *
 * The search is `ILIKE '%…%'` on the address and on the name (the trigram
 * index `Mailbox_tenantId_address_displayName_idx` serves both); `%`, `_`
 * and `\` typed by the person match themselves.
 */
export function mailboxFilterSql(ctx: TenantContext, filter: MailboxFilter): Prisma.Sql {
  const tenantId = ctx.tenantId;
  // The school, and the mailboxes this person sees in it (mailbox-scope.ts).
  const conditions = [mailboxScopeSql(ctx, "see", "m")];
  if (filter.state) conditions.push(Prisma.sql`m.state = ${filter.state}::"ConnectionState"`);
  if (filter.configurationId) {
    conditions.push(Prisma.sql`m."clientConfigurationId" = ${filter.configurationId}::uuid`);
  }
  if (filter.provider) {
    conditions.push(Prisma.sql`m."clientConfigurationId" IN (
      SELECT c.id FROM "ClientConfiguration" c
      WHERE c."tenantId" = ${tenantId}::uuid AND c.provider = ${filter.provider}::"OAuthProviderKind")`);
  }
  if (filter.memberId) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "MailboxAssignment" a
      WHERE a."tenantId" = ${tenantId}::uuid AND a."mailboxId" = m.id AND a."userId" = ${filter.memberId}::uuid)`);
  }
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    conditions.push(Prisma.sql`(m.address ILIKE ${pattern} OR m."displayName" ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, " AND ");
}
