import { failureOf } from "@/lib/actions/run-action";
import { requestIdOf } from "@/lib/http/request-id";
import { routeTenantContext } from "@/lib/auth/route-tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { readImportBody } from "@/lib/mailboxes/import-answer";
import { importHeader } from "@/lib/mailboxes/import-header";
import { decodeReportFile, MAX_REPORT_BYTES } from "@/lib/migration/decode-report-file";
import { importSmtpAuthReport } from "@/lib/migration/import-report";
import { reportPeriodSchema } from "@/lib/migration/migration-schemas";
import { reportUploadAnswerOf, type ReportUploadAnswer } from "@/lib/migration/report-upload-answer";

export const dynamic = "force-dynamic";

/**
 * Receives an SMTP AUTH clients report as the request body, with its period
 * and file name in the query string. A route rather than a server action: a
 * large district's report exceeds the actions' body limit. Checks the session
 * and the permission itself; the file is read in memory and not kept.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const t = await getTranslator();
  const answer = (body: ReportUploadAnswer, status = 200) =>
    Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  if (request.headers.get(importHeader) !== "1") {
    return answer({ outcome: "error", message: t("errors.forbidden") }, 403);
  }
  const access = await routeTenantContext((await params).tenant, "migration.write");
  if (!access.ok) {
    const message = t(access.status === 401 ? "errors.unauthenticated" : "errors.notFound");
    return answer({ outcome: "error", message }, access.status);
  }
  const query = new URL(request.url).searchParams;
  const period = reportPeriodSchema.safeParse({
    periodStart: query.get("periodStart") ?? "",
    periodEnd: query.get("periodEnd") ?? "",
  });
  if (!period.success) return answer({ outcome: "error", message: t("migration.errors.badPeriod") }, 400);
  const fileName = (query.get("fileName") ?? "").trim().slice(0, 200) || "report.csv";
  const body = await readImportBody(request, MAX_REPORT_BYTES);
  if (body === null) {
    const size = new Intl.NumberFormat(t.locale, { style: "unit", unit: "megabyte" }).format(
      MAX_REPORT_BYTES / 1024 / 1024,
    );
    return answer({ outcome: "error", message: t("migration.upload.tooLarge", { size }) }, 413);
  }
  if (body.length === 0) return answer({ outcome: "error", message: t("migration.upload.noFile") }, 400);
  const text = decodeReportFile(body);
  if (text === null) return answer({ outcome: "error", message: t("migration.upload.notText") }, 400);
  try {
    const result = await importSmtpAuthReport(access.ctx, { text, fileName, period: period.data });
    return answer(reportUploadAnswerOf(t, result, fileName), result.ok ? 200 : 422);
  } catch (error) {
    const failure = failureOf(error, t, { requestId: requestIdOf(request), tenantId: access.ctx.tenantId });
    if (failure.ok) throw error;
    return answer({ outcome: "error", message: failure.message }, failure.code === "internal" ? 500 : 409);
  }
}
