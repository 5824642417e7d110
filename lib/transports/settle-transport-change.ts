import type { DbTransaction } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import type { ProviderKind } from "@/lib/oauth/presets";
import { SMTP_AUTH_DISABLED } from "@/lib/connections/smtp-auth-disabled";
import { releaseHeldMail } from "@/lib/outbox/release-held-mail";
import { effectiveTransport, type MailTransport } from "./mail-transports";
import { scopesLacking } from "@/lib/oauth/scope-names";
import { sendScopesFor } from "./transport-scopes";

/** lastErrorCode of a connection whose grant lacks the permission of its (new) transport. */
export const TRANSPORT_NEEDS_CONSENT = "transport_needs_consent";

/** A mailbox row as a transport change needs it, read under its row lock. */
export interface LockedTransportMailbox {
  id: string;
  address: string;
  state: ConnectionState;
  lastErrorCode: string | null;
  grantedScopes: string[];
  transport: MailTransport | null;
  delegateAccount: string | null;
}

/**
 * Locks (FOR UPDATE, in id order) and reads the mailboxes a transport change
 * touches: one mailbox, or those of a configuration that follow its transport.
 * Call it before writing the configuration's row: a refresh holds its
 * mailbox's lock while it may write the configuration, so taking the
 * mailboxes first never waits in a cycle.
 */
export async function lockTransportMailboxes(
  tx: DbTransaction,
  tenantId: string,
  scope: { clientConfigurationId: string } | { mailboxId: string },
): Promise<LockedTransportMailbox[]> {
  const where =
    "mailboxId" in scope
      ? Prisma.sql`"id" = ${scope.mailboxId}::uuid`
      : Prisma.sql`"clientConfigurationId" = ${scope.clientConfigurationId}::uuid AND "transport" IS NULL`;
  return tx.$queryRaw<LockedTransportMailbox[]>`
    SELECT "id", "address", "state"::text AS "state", "lastErrorCode", "grantedScopes",
           "transport"::text AS "transport", "delegateAccount"
    FROM "Mailbox"
    WHERE "tenantId" = ${tenantId}::uuid AND ${where}
    ORDER BY "id"
    FOR UPDATE`;
}

export type TransportStateChange = {
  id: string;
  address: string;
  from: ConnectionState;
  to: ConnectionState;
};

export interface TransportSettlement {
  /** Every affected mailbox whose grant lacks its transport's sending permission: newly marked or still waiting. */
  mustReconsent: { id: string; address: string; delegateAccount: string | null }[];
  /** Mailboxes whose state changed, for the audit log. */
  changes: TransportStateChange[];
  /** Held mail sent back to the queue (mailboxes that can send again). */
  releasedMail: number;
}

// States whose grant a transport change can make insufficient: the others
// (pending, needs_reconnect, revoked) connect again anyway, asking for the new scopes.
const GRANTED: readonly ConnectionState[] = ["connected", "config_error"];

/**
 * After the transport of `mailboxes` (already locked, their `transport`
 * column as it now is) changed, in the transaction of the change:
 * - a connected or config_error mailbox whose granted scopes lack its
 *   transport's sending scopes becomes `insufficient_scope`
 *   (`transport_needs_consent`): its mail is held until it reconnects, which
 *   releases it;
 * - one that has them and was stopped because SMTP AUTH is off, now sending
 *   over HTTP, or one still waiting for a consent its transport no longer
 *   needs, is connected again and its held mail released.
 */
export async function settleTransportChange(
  tx: DbTransaction,
  tenantId: string,
  config: { provider: ProviderKind; transport: MailTransport },
  mailboxes: readonly LockedTransportMailbox[],
  now = new Date(),
): Promise<TransportSettlement> {
  const settlement: TransportSettlement = { mustReconsent: [], changes: [], releasedMail: 0 };
  const toMark: string[] = [];
  const toResume: string[] = [];
  for (const mailbox of mailboxes) {
    const transport = effectiveTransport(config, mailbox);
    const required = sendScopesFor(config, transport, { delegate: mailbox.delegateAccount !== null });
    const lacking = scopesLacking(required, mailbox.grantedScopes).length > 0;
    const waiting =
      mailbox.state === "insufficient_scope" && mailbox.lastErrorCode === TRANSPORT_NEEDS_CONSENT;
    if (lacking && (GRANTED.includes(mailbox.state) || waiting)) {
      settlement.mustReconsent.push({
        id: mailbox.id,
        address: mailbox.address,
        delegateAccount: mailbox.delegateAccount,
      });
      if (!waiting) toMark.push(mailbox.id);
    } else if (
      !lacking &&
      (waiting ||
        (mailbox.state === "config_error" &&
          mailbox.lastErrorCode === SMTP_AUTH_DISABLED &&
          transport !== "smtp"))
    ) {
      toResume.push(mailbox.id);
    }
  }
  const byId = new Map(mailboxes.map((m) => [m.id, m]));
  if (toMark.length > 0) {
    await tx.mailbox.updateMany({
      where: { tenantId, id: { in: toMark } },
      data: { state: "insufficient_scope", lastErrorCode: TRANSPORT_NEEDS_CONSENT, lastErrorAt: now },
    });
    for (const id of toMark) {
      const m = byId.get(id)!;
      settlement.changes.push({ id, address: m.address, from: m.state, to: "insufficient_scope" });
    }
  }
  if (toResume.length > 0) {
    await tx.mailbox.updateMany({
      where: { tenantId, id: { in: toResume } },
      data: { state: "connected", lastErrorCode: null, lastErrorAt: null },
    });
    for (const id of toResume) {
      const m = byId.get(id)!;
      settlement.changes.push({ id, address: m.address, from: m.state, to: "connected" });
      settlement.releasedMail += await releaseHeldMail(tenantId, id, tx);
    }
  }
  return settlement;
}
