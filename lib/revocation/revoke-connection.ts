import { recordAudit } from "@/lib/audit/record-audit";
import { notFound } from "@/lib/errors/domain-error";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { getDb, type DbTransaction } from "@/lib/db/client";
import type { MessageKey } from "@/lib/i18n/catalog";
import { isUuid } from "@/lib/ids/is-uuid";
import { isMicrosoftKind, type ProviderKind } from "@/lib/oauth/presets";
import { mailboxScope } from "@/lib/auth/mailbox-scope";
import { cancelMailOfRevokedMailbox } from "@/lib/outbox/cancel-mail-of-revoked-mailbox";
import { attemptPendingRevocation } from "./attempt-pending-revocation";
import {
  providerRevocationAfterQueue,
  queueProviderRevocation,
  type QueuedRevocation,
} from "./queue-provider-revocation";

export type RevocationOutcome =
  /** The provider withdrew the grant. */
  | "revoked_at_provider"
  /** The provider could not be reached: it is asked again later (retryPendingRevocations). */
  | "provider_pending"
  /** The provider refused (or Relais could not authenticate): the person removes the application there. */
  | "not_withdrawn"
  /** The provider has no revocation endpoint (Microsoft): the person removes the application. */
  | "no_endpoint"
  /** There was no token left to withdraw. */
  | "nothing_to_revoke";

export interface RevocationResult {
  mailboxId: string;
  address: string;
  outcome: RevocationOutcome;
  /** Mails that were waiting to be sent from it, now cancelled. */
  cancelledMail: number;
  /** What to tell the person. */
  messageKey: MessageKey;
}

/** What the audit entry says of the provider's side. */
export const revocationDetail = ({ pendingId, hadEndpoint }: QueuedRevocation) =>
  pendingId ? "requested" : hadEndpoint ? "nothing_to_revoke" : "no_endpoint";

/** After the commit: the provider is asked once now; unreachable, the pending revocation waits for a retry. */
export async function askProviderNow(tenantId: string, queued: QueuedRevocation): Promise<RevocationOutcome> {
  if (!queued.pendingId) return queued.hadEndpoint ? "nothing_to_revoke" : "no_endpoint";
  const db = await getDb();
  const record = await db.pendingRevocation.findFirst({ where: { id: queued.pendingId, tenantId } });
  if (!record) return "provider_pending";
  switch (await attemptPendingRevocation(record)) {
    case "done":
      return "revoked_at_provider";
    case "retry":
      return "provider_pending";
    case "refused":
    case "given_up":
      return "not_withdrawn";
  }
}

function messageFor(outcome: RevocationOutcome, provider: ProviderKind): MessageKey {
  switch (outcome) {
    case "revoked_at_provider":
      return "connections.revoke.doneAtProvider";
    case "provider_pending":
      return "connections.revoke.donePending";
    case "not_withdrawn":
      return provider === "google"
        ? "connections.revoke.doneRefusedGoogle"
        : "connections.revoke.doneRefusedOther";
    case "nothing_to_revoke":
      return "connections.revoke.doneErased";
    case "no_endpoint":
      return isMicrosoftKind(provider)
        ? "connections.revoke.doneNoEndpoint"
        : "connections.revoke.doneNoEndpointOther";
  }
}

/**
 * Revokes a mailbox's connection: one of mailboxScope "revoke" (a member
 * their own assigned mailbox, an admin any of the tenant's). The tokens are erased here at once, under the
 * row lock that refreshes take (a refresh in flight cannot store new tokens
 * afterwards); the token to withdraw waits in a pending revocation, so that
 * the provider is asked now and, if unreachable, again later.
 */
export async function revokeConnection(ctx: TenantContext, mailboxId: string): Promise<RevocationResult> {
  if (!isUuid(mailboxId)) throw notFound();
  const db = await getDb();
  const erased = await db.$transaction((tx) => eraseConnection(tx, ctx, mailboxId));
  const outcome = await askProviderNow(ctx.tenantId, erased.queued);
  return {
    mailboxId,
    address: erased.address,
    outcome,
    cancelledMail: erased.cancelledMail,
    messageKey: messageFor(outcome, erased.provider),
  };
}

async function eraseConnection(tx: DbTransaction, ctx: TenantContext, mailboxId: string) {
  await tx.$queryRaw`
    SELECT id FROM "Mailbox" WHERE id = ${mailboxId}::uuid AND "tenantId" = ${ctx.tenantId}::uuid FOR UPDATE`;
  const mailbox = await tx.mailbox.findFirst({
    where: { AND: [{ id: mailboxId }, mailboxScope(ctx, "revoke")] },
    include: {
      clientConfiguration: { select: { id: true, provider: true, clientId: true, revocationEndpoint: true } },
    },
  });
  if (!mailbox) throw notFound();
  const { provider } = mailbox.clientConfiguration;
  const queued = await queueProviderRevocation(tx, mailbox, mailbox.clientConfiguration);
  await tx.mailbox.updateMany({
    where: { id: mailboxId, tenantId: ctx.tenantId },
    data: {
      state: "revoked",
      accessTokenCipher: null,
      refreshTokenCipher: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      lastErrorCode: null,
      lastErrorAt: null,
      unknownErrorSince: null,
      // What its page says of the provider's side until it is connected again.
      providerRevocation: providerRevocationAfterQueue(queued),
      providerRevocationCode: null,
    },
  });
  const cancelledMail = await cancelMailOfRevokedMailbox(ctx.tenantId, mailboxId, tx);
  await recordAudit(tx, ctx, {
    action: "mailbox.revoked",
    targetType: "mailbox",
    targetId: mailboxId,
    targetLabel: mailbox.address,
    details: {
      providerRevocation: revocationDetail(queued),
      cancelledMail,
    },
  });
  return { address: mailbox.address, provider, queued, cancelledMail };
}

/** Revokes a selection; every id must be one the person may revoke, or nothing is done. */
export async function revokeConnections(
  ctx: TenantContext,
  mailboxIds: string[],
): Promise<RevocationResult[]> {
  const ids = [...new Set(mailboxIds)];
  if (ids.some((id) => !isUuid(id))) throw notFound();
  const db = await getDb();
  const allowed = await db.mailbox.count({
    where: { AND: [{ id: { in: ids } }, mailboxScope(ctx, "revoke")] },
  });
  if (allowed !== ids.length) throw notFound();
  const results: RevocationResult[] = [];
  for (const id of ids) results.push(await revokeConnection(ctx, id));
  return results;
}
