import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { storedGrantEnd } from "@/lib/connections/stored-grant-end";
import { mailboxHealth, type MailboxHealth } from "./mailbox-health";

/** The columns a mailbox's health line reads (never a token: whether one is held comes from healthExtras). */
export const mailboxHealthSelect = {
  state: true,
  lastErrorCode: true,
  lastErrorAt: true,
  accessTokenExpiresAt: true,
  refreshTokenExpiresAt: true,
  grantEndsAt: true,
  connectedAt: true,
  pausedUntil: true,
  pauseReason: true,
  transport: true,
  providerRevocation: true,
  providerRevocationCode: true,
  clientConfiguration: { select: { transport: true, brokenReason: true, provider: true } },
} satisfies Prisma.MailboxSelect;

export type MailboxHealthRow = Prisma.MailboxGetPayload<{ select: typeof mailboxHealthSelect }>;

export interface MailboxHealthExtras {
  /** Ids of the mailboxes that hold a refresh token. */
  withRefreshToken: ReadonlySet<string>;
  /** Mails queued or held, per mailbox id. */
  waitingMail: ReadonlyMap<string, number>;
}

/**
 * What the health lines of these mailboxes need besides their own columns, in
 * two queries whatever their number: which hold a refresh token (the
 * ciphertexts are not loaded) and how much mail waits for each. The ids come
 * from a query already scoped to what the reader may see.
 */
export async function loadMailboxHealthExtras(tenantId: string, ids: string[]): Promise<MailboxHealthExtras> {
  if (ids.length === 0) return { withRefreshToken: new Set(), waitingMail: new Map() };
  const db = await getDb();
  const [holding, waiting] = await Promise.all([
    db.mailbox.findMany({
      where: { tenantId, id: { in: ids }, refreshTokenCipher: { not: null } },
      select: { id: true },
    }),
    db.outgoingMail.groupBy({
      by: ["mailboxId"],
      where: { tenantId, mailboxId: { in: ids }, status: { in: ["queued", "held"] } },
      _count: { _all: true },
    }),
  ]);
  return {
    withRefreshToken: new Set(holding.map((row) => row.id)),
    waitingMail: new Map(waiting.map((group) => [group.mailboxId, group._count._all])),
  };
}

/** The health line of one mailbox row, with its extras. */
export function healthOfMailbox(
  row: MailboxHealthRow & { id: string },
  extras: MailboxHealthExtras,
  now = new Date(),
): MailboxHealth {
  const config = row.clientConfiguration;
  return mailboxHealth(
    {
      state: row.state,
      // A refused configuration names the cause when the mailbox itself has none.
      lastErrorCode: row.lastErrorCode ?? (row.state === "config_error" ? config.brokenReason : null),
      lastErrorAt: row.lastErrorAt,
      hasRefreshToken: extras.withRefreshToken.has(row.id),
      accessTokenExpiresAt: row.accessTokenExpiresAt,
      grantEnd: storedGrantEnd(row),
      pausedUntil: row.pausedUntil,
      pauseReason: row.pauseReason,
      waitingMail: extras.waitingMail.get(row.id) ?? 0,
      transport: row.transport ?? config.transport,
      providerRevocation: row.providerRevocation
        ? { outcome: row.providerRevocation, code: row.providerRevocationCode, provider: config.provider }
        : null,
    },
    now,
  );
}
