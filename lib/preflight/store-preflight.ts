import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { TenantContext } from "@/lib/auth/tenant-context";
import type { DbTransaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { PreflightReport } from "./preflight-step";

/** What started a preflight: its button, a connection just made, or the configuration's check. */
export type PreflightTrigger = "button" | "connect" | "configuration";

/**
 * Keeps a preflight's outcome on its mailbox (lastPreflightAt, lastPreflight:
 * the steps as catalog keys and codes, never a token), so that the mailbox
 * page shows the latest check whoever ran it, and records it as
 * `mailbox.preflight`, in the caller's transaction. `startedAt`: a check
 * started then that may end late (after a connect) is kept
 * only if the mailbox is still connected and no other check was kept since
 * it started; otherwise nothing is kept or audited. Returns whether it was kept.
 */
export async function storePreflight(
  tx: DbTransaction,
  by: TenantContext | (AuditActor & { tenantId: string }),
  report: PreflightReport,
  trigger: PreflightTrigger,
  { at = new Date(), startedAt }: { at?: Date; startedAt?: Date } = {},
): Promise<boolean> {
  const { count } = await tx.mailbox.updateMany({
    where: {
      id: report.mailboxId,
      tenantId: by.tenantId,
      ...(startedAt
        ? {
            state: "connected",
            OR: [{ lastPreflightAt: null }, { lastPreflightAt: { lt: startedAt } }],
          }
        : {}),
    },
    data: {
      lastPreflightAt: at,
      lastPreflight: {
        transport: report.transport,
        trigger,
        steps: report.steps,
      } as unknown as Prisma.InputJsonValue,
    },
  });
  if (count === 0) return false;
  await recordAudit(tx, by, {
    action: "mailbox.preflight",
    targetType: "mailbox",
    targetId: report.mailboxId,
    targetLabel: report.address,
    details: {
      transport: report.transport,
      trigger,
      steps: Object.fromEntries(
        report.steps.map((s) => [s.step, s.code ? `${s.status}: ${s.code}` : s.status]),
      ),
    },
  });
  return true;
}
