import { getTenantDashboard } from "@/lib/dashboard/get-tenant-dashboard";
import { routeTenantContext } from "@/lib/auth/route-tenant-context";

export const dynamic = "force-dynamic";

/** The tenant dashboard's figures, polled by the page. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const access = await routeTenantContext((await params).tenant, "mailboxes.read");
  if (!access.ok) return Response.json({ error: access.error }, { status: access.status });
  const dashboard = await getTenantDashboard(access.ctx);
  return Response.json(dashboard, { headers: { "Cache-Control": "no-store" } });
}
