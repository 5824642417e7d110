import { DomainError } from "@/lib/auth/errors";
import { getSessionUser } from "@/lib/auth/session";
import { resolveTenantContext, type TenantContext } from "@/lib/auth/tenant-context";
import { getTenantDashboard } from "@/lib/dashboard/get-tenant-dashboard";

export const dynamic = "force-dynamic";

/**
 * The tenant dashboard's figures, polled by the page. Checks the session and
 * the permission itself: the page's check does not protect a direct request.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const { tenant } = await params;
  let ctx: TenantContext;
  try {
    ctx = await resolveTenantContext(user, tenant, "mailboxes.read");
  } catch (error) {
    // A foreign tenant and a missing permission look the same: nothing here.
    if (error instanceof DomainError) return Response.json({ error: "not_found" }, { status: 404 });
    throw error;
  }
  const dashboard = await getTenantDashboard(ctx);
  return Response.json(dashboard, { headers: { "Cache-Control": "no-store" } });
}
