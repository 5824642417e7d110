import type { TenantContext } from "@/lib/auth/tenant-context";
import { escapeLike } from "@/lib/db/escape-like";
import type { Prisma } from "@/lib/db/generated/client";
import type { ConnectionState, OAuthProviderKind } from "@/lib/db/generated/enums";

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
 * The one tenant-scoped where clause of the table and of bulk actions, so that
 * "all N matching mailboxes" in a confirmation is exactly what the list shows.
 */
export function mailboxFilterWhere(ctx: TenantContext, filter: MailboxFilter): Prisma.MailboxWhereInput {
  const search = filter.search ? escapeLike(filter.search) : undefined;
  return {
    tenantId: ctx.tenantId,
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.configurationId ? { clientConfigurationId: filter.configurationId } : {}),
    ...(filter.provider
      ? { clientConfiguration: { tenantId: ctx.tenantId, provider: filter.provider } }
      : {}),
    ...(filter.memberId
      ? { assignments: { some: { tenantId: ctx.tenantId, userId: filter.memberId } } }
      : {}),
    ...(search
      ? {
          OR: [
            { address: { contains: search, mode: "insensitive" } },
            { displayName: { contains: search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
}
