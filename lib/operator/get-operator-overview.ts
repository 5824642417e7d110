import type { EndingConnections } from "@/lib/dashboard/count-ending-connections";
import type { MailCounts } from "@/lib/dashboard/get-mail-activity";
import { defaultMailActivityRange, type MailActivityRange } from "@/lib/dashboard/mail-activity-range";
import { getDb } from "@/lib/db/client";
import type { ConnectionState, OutgoingMailStatus } from "@/lib/db/generated/enums";
import { checkHealth, type HealthReport } from "@/lib/health/check-health";
import { platformMicrosoftApplication } from "@/lib/platform/platform-application";
import { listTenantsForOperator, type TenantSummary } from "@/lib/tenants/list-tenants-for-operator";
import { countEndingConnectionsBySchool } from "./count-ending-connections-by-school";
import { listSchoolMailActivity } from "./list-school-mail-activity";

export interface OperatorTenant extends TenantSummary {
  mailboxes: Partial<Record<ConnectionState, number>>;
  mail: Partial<Record<OutgoingMailStatus, number>>;
  /** Mail sent, failed and held over `OperatorOverview.range`, as the school's own chart counts it. */
  activity: MailCounts;
  /** Connected mailboxes ending within 30, 60 and 90 days. */
  ending: EndingConnections;
}

export interface OperatorOverview {
  tenants: OperatorTenant[];
  range: MailActivityRange;
  /** The client id is public (it is in every authorization URL); the secret never leaves lib/platform. */
  platformApplication: { configured: boolean; clientId: string | null; invalid: boolean };
  health: HealthReport["database"] & { status: HealthReport["status"] };
  workers: { active: number; oldestDueQueuedSeconds: number | null };
}

const waiting: OutgoingMailStatus[] = ["queued", "held", "sending"];

function platformSummary(): OperatorOverview["platformApplication"] {
  try {
    const app = platformMicrosoftApplication();
    return { configured: Boolean(app), clientId: app?.clientId ?? null, invalid: false };
  } catch {
    return { configured: false, clientId: null, invalid: true };
  }
}

/**
 * What the platform operator sees: each school's mailbox and queue counts, its
 * mail over `range` and its connections ending soon (counts only: no address,
 * token or mail content), the platform application
 * and the health of the database and workers. Callers check the operator.
 */
export async function getOperatorOverview(
  now = new Date(),
  range: MailActivityRange = defaultMailActivityRange,
): Promise<OperatorOverview> {
  const db = await getDb();
  const [tenants, mailboxes, mail, leases, oldestDue, health, activity, ending] = await Promise.all([
    listTenantsForOperator(),
    db.mailbox.groupBy({ by: ["tenantId", "state"], _count: { _all: true } }),
    db.outgoingMail.groupBy({
      by: ["tenantId", "status"],
      where: { status: { in: waiting } },
      _count: { _all: true },
    }),
    // Live leases show which workers are sending right now: a proxy for "workers alive".
    db.outgoingMail.groupBy({
      by: ["leaseOwner"],
      where: { status: "sending", leaseOwner: { not: null }, leaseExpiresAt: { gt: now } },
    }),
    db.outgoingMail.aggregate({
      where: { status: "queued", nextAttemptAt: { lte: now } },
      _min: { nextAttemptAt: true },
    }),
    checkHealth(),
    listSchoolMailActivity(range, now),
    countEndingConnectionsBySchool(now),
  ]);
  const byTenant = new Map<string, OperatorTenant>(
    tenants.map((t) => [
      t.id,
      {
        ...t,
        mailboxes: {},
        mail: {},
        activity: activity.get(t.id) ?? { sent: 0, failed: 0, held: 0 },
        ending: ending.get(t.id) ?? { 30: 0, 60: 0, 90: 0 },
      },
    ]),
  );
  for (const row of mailboxes) {
    const tenant = byTenant.get(row.tenantId);
    if (tenant) tenant.mailboxes[row.state] = row._count._all;
  }
  for (const row of mail) {
    const tenant = byTenant.get(row.tenantId);
    if (tenant) tenant.mail[row.status] = row._count._all;
  }
  const oldest = oldestDue._min.nextAttemptAt;
  return {
    tenants: [...byTenant.values()],
    range,
    platformApplication: platformSummary(),
    health: { status: health.status, ...health.database },
    workers: {
      active: leases.length,
      oldestDueQueuedSeconds: oldest
        ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000))
        : null,
    },
  };
}
