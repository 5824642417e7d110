import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden } from "@/lib/errors/domain-error";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { getDb } from "@/lib/db/client";
import { notifyMigrationRegressions } from "./notify-migration-regressions";
import { parseSmtpAuthReport, type ReportProblem } from "./parse-smtp-auth-report";
import type { ReportPeriod } from "./migration-schemas";

export type ImportResult =
  | { ok: true; importId: string; senders: number; regressions: string[] }
  | { ok: false; problems: ReportProblem[] };

/**
 * Imports one SMTP AUTH clients report: its lines are stored with the period
 * they cover, in one transaction (a bad line imports nothing), and the file
 * itself is not kept. A sender that had moved to the relay and is back on
 * Basic in this report (its whole period after the move) is reported to the
 * school's admins, once per import.
 */
export async function importSmtpAuthReport(
  ctx: TenantContext,
  input: { text: string; fileName: string; period: ReportPeriod },
  now = new Date(),
): Promise<ImportResult> {
  if (!can(ctx, "migration.write")) throw forbidden();
  const parsed = parseSmtpAuthReport(input.text);
  if (!parsed.ok) return parsed;
  const { periodStart, periodEnd } = input.period;
  const db = await getDb();
  const created = await db.$transaction(async (tx) => {
    const report = await tx.migrationImport.create({
      data: {
        tenantId: ctx.tenantId,
        periodStart,
        periodEnd,
        fileName: input.fileName.slice(0, 200),
        senderCount: parsed.lines.length,
        importedById: ctx.userId,
      },
      select: { id: true },
    });
    for (let i = 0; i < parsed.lines.length; i += 1000) {
      await tx.migrationReportLine.createMany({
        data: parsed.lines
          .slice(i, i + 1000)
          .map((line) => ({ ...line, tenantId: ctx.tenantId, importId: report.id })),
      });
    }
    await recordAudit(tx, ctx, {
      action: "migration.report_imported",
      targetType: "migration_import",
      targetId: report.id,
      targetLabel: input.fileName.slice(0, 200),
      details: {
        periodStart: periodStart.toISOString().slice(0, 10),
        periodEnd: periodEnd.toISOString().slice(0, 10),
        senders: parsed.lines.length,
      },
    });
    return report;
  });
  const regressions = await notifyMigrationRegressions(ctx.tenantId, created.id, now);
  return { ok: true, importId: created.id, senders: parsed.lines.length, regressions };
}
