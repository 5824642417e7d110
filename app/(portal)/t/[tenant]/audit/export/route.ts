import { parseAuditQuery } from "@/lib/audit/audit-filters";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { DomainError } from "@/lib/auth/errors";
import { getSessionUser } from "@/lib/auth/session";
import { resolveTenantContext, type TenantContext } from "@/lib/auth/tenant-context";

export const dynamic = "force-dynamic";

/**
 * The audit log as CSV, with the page's filters. Checks the session and the
 * permission itself: the page's check does not protect a direct request.
 */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const { tenant } = await params;
  let ctx: TenantContext;
  try {
    ctx = await resolveTenantContext(user, tenant, "audit.read");
  } catch (error) {
    // A foreign tenant and a missing permission look the same: nothing here.
    if (error instanceof DomainError) return Response.json({ error: "not_found" }, { status: 404 });
    throw error;
  }
  const { filters } = parseAuditQuery(new URL(request.url).searchParams);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportAuditCsv(ctx, filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${ctx.tenantSlug}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
