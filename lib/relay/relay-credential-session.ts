import type { ConnectionState, OAuthProviderKind, RelayFromPolicy } from "@/lib/db/generated/enums";
import { ipAllowed } from "@/lib/relay-credentials/networks";
import { relayPasswordMatches } from "@/lib/relay-credentials/relay-secret";
import type { RelayReason } from "@/lib/relay-protocol/relay-replies";
import type { RelaySql } from "./relay-sql";
import { isRelayLoginThrottled, recordRelayLoginFailure } from "./relay-throttle";

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
  /** Its school's time zone, as read at login: the daily cap counts the school's day. */
  timeZone: string;
  mailboxes: RelayMailbox[];
};

export type LoginResult =
  | { ok: true; credential: SessionCredential }
  | { ok: false; reason: RelayReason; credential: { id: string; tenantId: string } | null };

type CredentialRow = Omit<SessionCredential, "mailboxes"> & {
  passwordHash: string;
  allowedNetworks: string[];
  revoked: boolean;
  suspended: boolean;
  mailboxes: RelayMailbox[] | null;
};

// One statement: the credential, its school's suspension and its mailboxes with their provider.
// Every join names the tenant, so a credential never reaches another school's mailbox.
const LOAD_CREDENTIAL = `
  SELECT c.id::text AS id, c."tenantId"::text AS "tenantId", c.name, c.username, c."passwordHash",
         c."fromPolicy"::text AS "fromPolicy", c."dailyCap", t."timeZone",
         COALESCE(c."allowedNetworks", ARRAY[]::text[]) AS "allowedNetworks",
         c."revokedAt" IS NOT NULL AS revoked, t."suspendedAt" IS NOT NULL AS suspended,
         (SELECT json_agg(json_build_object('id', b.id, 'address', b.address, 'displayName', b."displayName",
                                            'state', b.state, 'provider', g.provider) ORDER BY b.address)
            FROM "RelayCredentialMailbox" cm
            JOIN "Mailbox" b ON b."tenantId" = cm."tenantId" AND b.id = cm."mailboxId"
            JOIN "ClientConfiguration" g ON g."tenantId" = b."tenantId" AND g.id = b."clientConfigurationId"
           WHERE cm."tenantId" = c."tenantId" AND cm."credentialId" = c.id) AS mailboxes
    FROM "RelayCredential" c
    JOIN "Tenant" t ON t.id = c."tenantId"
   WHERE c.username = $1`;

/**
 * Checks a login: throttling (per address and per user name, in the database),
 * the credential (not revoked, its school not suspended), the password, and the
 * client's network. Every failure is counted for the throttle.
 */
export async function checkRelayLogin(
  sql: RelaySql,
  username: string,
  password: string,
  clientIp: string,
): Promise<LoginResult> {
  if (await isRelayLoginThrottled(sql, username, clientIp)) {
    return { ok: false, reason: "throttled", credential: null };
  }
  const [row] = await sql.query<CredentialRow>("load_credential", LOAD_CREDENTIAL, [username]);
  const fail = async (reason: RelayReason) => {
    await recordRelayLoginFailure(sql, username, clientIp);
    return { ok: false as const, reason, credential: row ? { id: row.id, tenantId: row.tenantId } : null };
  };
  if (!row || !relayPasswordMatches(password, row.passwordHash)) return fail("bad_password");
  if (row.revoked) return fail("revoked");
  if (row.suspended) return fail("tenant_suspended");
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
      timeZone: row.timeZone,
      mailboxes: row.mailboxes ?? [],
    },
  };
}
