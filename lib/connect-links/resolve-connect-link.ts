import { hashLinkToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/client";
import type { OAuthProviderKind } from "@/lib/db/generated/enums";
import { connectLinkState, type ConnectLinkState } from "./connect-link-state";

/** The mailbox a valid connect link lets its holder authorize. */
export interface ConnectLinkTarget {
  id: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  mailboxId: string;
  mailboxAddress: string;
  clientConfigurationId: string;
  provider: OAuthProviderKind;
}

export type ResolvedConnectLink =
  | { state: "valid"; link: ConnectLinkTarget }
  /** The school's name only, so that the page can say whom to ask for a new link. */
  | { state: Exclude<ConnectLinkState, "valid" | "unknown">; link?: undefined; tenantName: string }
  | { state: "unknown"; link?: undefined };

// Tokens are 43 base64url characters (newLinkToken); anything far longer is not worth hashing.
const MAX_TOKEN_LENGTH = 200;

/**
 * Finds a connect link by its token's hash, without a session and without
 * using it up (mail scanners open links): the OAuth flow marks it used when
 * the authorization succeeds. `link` is only given for a valid link.
 */
export async function resolveConnectLink(token: string): Promise<ResolvedConnectLink> {
  if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    return { state: "unknown" };
  }
  const db = await getDb();
  const row = await db.connectLink.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      id: true,
      tenantId: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      mailbox: {
        select: {
          id: true,
          address: true,
          clientConfigurationId: true,
          clientConfiguration: { select: { provider: true } },
          tenant: { select: { slug: true, name: true, suspendedAt: true } },
        },
      },
    },
  });
  // The link, its mailbox and the mailbox's configuration are the same school's: the database's composite
  // keys guarantee it (docs/tenant-scoping.md).
  const state = connectLinkState(row && { ...row, tenantSuspended: row.mailbox.tenant.suspendedAt !== null });
  if (!row || state === "unknown") return { state: "unknown" };
  if (state !== "valid") return { state, tenantName: row.mailbox.tenant.name };
  return {
    state,
    link: {
      id: row.id,
      tenantId: row.tenantId,
      tenantSlug: row.mailbox.tenant.slug,
      tenantName: row.mailbox.tenant.name,
      mailboxId: row.mailbox.id,
      mailboxAddress: row.mailbox.address,
      clientConfigurationId: row.mailbox.clientConfigurationId,
      provider: row.mailbox.clientConfiguration.provider,
    },
  };
}
