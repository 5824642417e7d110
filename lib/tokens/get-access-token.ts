import { MAILBOX_LOCK_TRANSACTION } from "@/lib/db/mailbox-lock-transaction";
import { notFound } from "@/lib/errors/domain-error";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/ids/is-uuid";
import { detectGoogleTesting } from "@/lib/clients/detect-google-testing";
import { notifyAfterRefreshFailure } from "./notify-after-refresh-failure";
import { liveAccessToken, type LiveAccessToken } from "./live-access-token";
import {
  refreshLockedConnection,
  type LockedMailbox,
  type RefreshOutcome,
} from "./refresh-locked-connection";
import { SMTP_AUTH_DISABLED } from "@/lib/connections/smtp-auth-disabled";
import { serializePerMailbox } from "./serialize-per-mailbox";
import { ConnectionUnavailableError, TransientTokenError } from "./token-errors";

export type { LiveAccessToken } from "./live-access-token";

export interface GetAccessTokenOptions {
  tenantId: string;
  /** The provider refused the token we gave (SMTP auth failure): get a new one even if it looks fresh. */
  forceRefresh?: boolean;
}

// Waiting for another process's refresh (at most one provider call, which
// safeFetch ends within 10 s), then our own call: the transaction must outlive both.
const LOCK_TIMEOUT = "15s";

/**
 * A live access token for a mailbox. Refreshes only when the stored one is
 * missing or expires within the margin, or when forced; at most one refresh
 * per connection at a time, across processes (the mailbox row is locked for
 * the refresh, and whoever waited re-reads what the first one stored).
 * Throws ConnectionUnavailableError (a person must act; mail is held) or
 * TransientTokenError (retry later with backoff).
 */
export async function getAccessToken(
  mailboxId: string,
  options: GetAccessTokenOptions,
): Promise<LiveAccessToken> {
  const { tenantId, forceRefresh = false } = options;
  if (!isUuid(mailboxId) || !isUuid(tenantId)) throw notFound();
  const requestedAt = new Date();
  if (!forceRefresh) {
    const db = await getDb();
    const row = await db.mailbox.findFirst({ where: { id: mailboxId, tenantId } });
    if (!row) throw notFound();
    const live = liveAccessToken(row, requestedAt);
    if (live) return live;
  }
  const outcome = await serializePerMailbox(mailboxId, () =>
    lockAndRefresh(mailboxId, tenantId, forceRefresh, requestedAt),
  );
  if (outcome.kind === "token") return outcome.token;
  if (outcome.kind === "unavailable") throw new ConnectionUnavailableError(outcome.state, outcome.code);
  await notifyAfterRefreshFailure(tenantId, outcome.recorded, outcome.failure);
  // After the commit, out of the row lock: a grant dead a week after it was given may say "Testing".
  if (outcome.recorded.brokeConnection && outcome.failure.code === "invalid_grant") {
    await detectGoogleTesting(tenantId, outcome.clientConfigurationId);
  }
  if (outcome.failure.effect === "transient") throw new TransientTokenError(outcome.failure.code);
  throw new ConnectionUnavailableError(outcome.state, outcome.failure.code);
}

async function lockAndRefresh(
  mailboxId: string,
  tenantId: string,
  forceRefresh: boolean,
  requestedAt: Date,
): Promise<RefreshOutcome> {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Mailbox" WHERE id = ${mailboxId}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound();
      const mailbox: LockedMailbox | null = await tx.mailbox.findFirst({
        where: { id: mailboxId, tenantId },
        include: { clientConfiguration: true },
      });
      if (!mailbox) throw notFound();
      const blocked = await blockedState(tx, mailbox);
      if (blocked) return blocked;
      // Whoever held the lock before us may have just refreshed: use that token, do not ask again.
      const refreshedMeanwhile =
        !forceRefresh || (mailbox.lastRefreshAt?.getTime() ?? 0) >= requestedAt.getTime();
      const live = refreshedMeanwhile ? liveAccessToken(mailbox, new Date()) : null;
      if (live) return { kind: "token", token: live };
      return refreshLockedConnection(tx, mailbox);
    }, MAILBOX_LOCK_TRANSACTION);
  } catch (error) {
    if (isBusy(error)) throw new TransientTokenError("busy");
    throw error;
  }
}

/** Why no token can be had without a person acting, or null when a refresh may be tried. */
async function blockedState(
  tx: Parameters<typeof refreshLockedConnection>[0],
  mailbox: LockedMailbox,
): Promise<RefreshOutcome | null> {
  const config = mailbox.clientConfiguration;
  // SMTP AUTH turned off is a mailbox setting at Microsoft: no refresh or configuration fix helps.
  const smtpAuthOff = mailbox.lastErrorCode === SMTP_AUTH_DISABLED;
  if (mailbox.state !== "connected" && (mailbox.state !== "config_error" || smtpAuthOff)) {
    return { kind: "unavailable", state: mailbox.state, code: mailbox.lastErrorCode };
  }
  if (!config.brokenAt) return null;
  // The configuration was refused for another mailbox: do not ask the provider again for each one.
  if (mailbox.state === "connected") {
    await tx.mailbox.updateMany({
      where: { id: mailbox.id, tenantId: mailbox.tenantId },
      data: { state: "config_error", lastErrorCode: config.brokenReason, lastErrorAt: new Date() },
    });
  }
  return { kind: "unavailable", state: "config_error", code: config.brokenReason ?? mailbox.lastErrorCode };
}

function isBusy(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  // P2028: the transaction could not start or outlived its timeout; 55P03: lock_timeout.
  return error.code === "P2028" || JSON.stringify(error.meta ?? {}).includes("55P03");
}
