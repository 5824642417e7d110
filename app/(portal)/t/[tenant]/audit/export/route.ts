import { parseAuditQuery } from "@/lib/audit/audit-filters";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { routeTenantContext } from "@/lib/auth/route-tenant-context";
import { dayIn } from "@/lib/i18n/dates/time-zones";

export const dynamic = "force-dynamic";

/** The audit log as CSV, with the page's filters. */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const access = await routeTenantContext((await params).tenant, "audit.read");
  if (!access.ok) return Response.json({ error: access.error }, { status: access.status });
  const { ctx } = access;
  const { filters } = parseAuditQuery(new URL(request.url).searchParams);
  const day = dayIn(ctx.timeZone, new Date());
  return new Response(exportAuditCsv(ctx, filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${ctx.tenantSlug}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
