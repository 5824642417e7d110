import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { connectionStates } from "@/lib/mailboxes/mailbox-schemas";
import { storedGrantEnd } from "@/lib/connections/stored-grant-end";

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far ahead a dying connection is announced. */
export const DYING_WITHIN_DAYS = 14;
const DYING_LISTED = 10;

export interface TenantDashboard {
  generatedAt: string;
  counts: Record<ConnectionState, number>;
  dying: { total: number; mailboxes: { id: string; address: string; endsAt: string }[] };
  brokenConfigurations: { id: string; name: string; brokenAt: string }[];
  queue: { queued: number; held: number; sending: number; total: number };
  sent24h: number;
  failed24h: number;
}

/**
 * The tenant admin's figures, each one aggregate query scoped to the tenant:
 * counts, never rows, so that a 20,000-mailbox school costs what a small one does.
 * Polled by the page every 15 seconds; the charts (mail over time, connections
 * ending) are read once per page by getMailActivity and countEndingConnections.
 */
export async function getTenantDashboard(ctx: TenantContext, now = new Date()): Promise<TenantDashboard> {
  if (!can(ctx, "mailboxes.read")) throw forbidden();
  const db = await getDb();
  const tenantId = ctx.tenantId;
  const horizon = new Date(now.getTime() + DYING_WITHIN_DAYS * DAY_MS);
  const since = new Date(now.getTime() - DAY_MS);
  const dyingWhere = {
    tenantId,
    state: "connected" as const,
    refreshTokenCipher: { not: null },
    grantEndsAt: { lte: horizon },
  };

  const [byState, dyingTotal, dyingRows, broken, byStatus, sent24h, failed24h] = await Promise.all([
    db.mailbox.groupBy({ by: ["state"], where: { tenantId }, _count: { _all: true } }),
    db.mailbox.count({ where: dyingWhere }),
    db.mailbox.findMany({
      where: dyingWhere,
      take: DYING_LISTED,
      orderBy: [{ grantEndsAt: "asc" }, { address: "asc" }],
      select: { id: true, address: true, grantEndsAt: true, refreshTokenExpiresAt: true, connectedAt: true },
    }),
    db.clientConfiguration.findMany({
      where: { tenantId, brokenAt: { not: null } },
      orderBy: { brokenAt: "asc" },
      select: { id: true, name: true, brokenAt: true },
    }),
    db.outgoingMail.groupBy({
      by: ["status"],
      where: { tenantId, status: { in: ["queued", "held", "sending"] } },
      _count: { _all: true },
    }),
    db.outgoingMail.count({ where: { tenantId, status: "sent", sentAt: { gte: since } } }),
    db.outgoingMail.count({ where: { tenantId, status: "failed", updatedAt: { gte: since } } }),
  ]);

  const counts = Object.fromEntries(connectionStates.map((s) => [s, 0])) as Record<ConnectionState, number>;
  for (const row of byState) counts[row.state] = row._count._all;
  const queue = { queued: 0, held: 0, sending: 0, total: 0 };
  for (const row of byStatus) {
    if (row.status === "queued" || row.status === "held" || row.status === "sending") {
      queue[row.status] = row._count._all;
      queue.total += row._count._all;
    }
  }

  const dying = dyingRows
    .map((row) => ({
      id: row.id,
      address: row.address,
      end: storedGrantEnd(row),
    }))
    .filter((row) => row.end && row.end.at <= horizon)
    .sort((a, b) => a.end!.at.getTime() - b.end!.at.getTime())
    .slice(0, DYING_LISTED)
    .map((row) => ({ id: row.id, address: row.address, endsAt: row.end!.at.toISOString() }));

  return {
    generatedAt: now.toISOString(),
    counts,
    dying: { total: dyingTotal, mailboxes: dying },
    brokenConfigurations: broken.map((c) => ({
      id: c.id,
      name: c.name,
      brokenAt: c.brokenAt!.toISOString(),
    })),
    queue,
    sent24h,
    failed24h,
  };
}
