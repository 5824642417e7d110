import type { Db } from "@/lib/db/client";
import type { ConnectionState, OAuthProviderKind, RelayFromPolicy } from "@/lib/db/generated/enums";
import { ipAllowed } from "@/lib/relay-credentials/networks";
import { relayPasswordMatches } from "@/lib/relay-credentials/relay-secret";
import { isRelayLoginThrottled, recordRelayLoginFailure } from "./relay-throttle";
import type { RelayReason } from "./relay-replies";

export type RelayMailbox = {
  id: string;
  address: string;
  displayName: string;
  state: ConnectionState;
  provider: OAuthProviderKind;
};

/** The credential a session logged in with, as loaded at AUTH. */
export type SessionCredential = {
  id: string;
  tenantId: string;
  name: string;
  username: string;
  fromPolicy: RelayFromPolicy;
  dailyCap: number | null;
  mailboxes: RelayMailbox[];
};

export type LoginResult =
  | { ok: true; credential: SessionCredential }
  | { ok: false; reason: RelayReason; credential: { id: string; tenantId: string } | null };

/**
 * Checks a login: throttling (per address and per user name, in the database),
 * the credential (not revoked, its school not suspended), the password, and the
 * client's network. Every failure is counted for the throttle.
 */
export async function checkRelayLogin(
  db: Db,
  username: string,
  password: string,
  clientIp: string,
): Promise<LoginResult> {
  if (await isRelayLoginThrottled(db, username, clientIp)) {
    return { ok: false, reason: "throttled", credential: null };
  }
  const row = await db.relayCredential.findUnique({
    where: { username },
    select: {
      id: true,
      tenantId: true,
      name: true,
      username: true,
      passwordHash: true,
      fromPolicy: true,
      dailyCap: true,
      allowedNetworks: true,
      revokedAt: true,
      tenant: { select: { suspendedAt: true } },
      mailboxes: {
        select: {
          mailbox: {
            select: {
              id: true,
              address: true,
              displayName: true,
              state: true,
              clientConfiguration: { select: { provider: true } },
            },
          },
        },
      },
    },
  });
  const fail = async (reason: RelayReason) => {
    await recordRelayLoginFailure(db, username, clientIp);
    return { ok: false as const, reason, credential: row ? { id: row.id, tenantId: row.tenantId } : null };
  };
  if (!row || !relayPasswordMatches(password, row.passwordHash)) return fail("bad_password");
  if (row.revokedAt) return fail("revoked");
  if (row.tenant.suspendedAt) return fail("tenant_suspended");
  if (!ipAllowed(clientIp, row.allowedNetworks)) return fail("network_not_allowed");
  return {
    ok: true,
    credential: {
      id: row.id,
      tenantId: row.tenantId,
      name: row.name,
      username: row.username,
      fromPolicy: row.fromPolicy,
      dailyCap: row.dailyCap,
      mailboxes: row.mailboxes.map(({ mailbox }) => ({
        id: mailbox.id,
        address: mailbox.address,
        displayName: mailbox.displayName,
        state: mailbox.state,
        provider: mailbox.clientConfiguration.provider,
      })),
    },
  };
}
