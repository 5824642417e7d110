import { DomainError } from "@/lib/errors/domain-error";
import { getCampaignReport } from "@/lib/campaigns/get-campaign-report";
import { routeTenantContext } from "@/lib/auth/route-tenant-context";

export const dynamic = "force-dynamic";

/** A campaign's report, polled by its page. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
) {
  const { tenant, id } = await params;
  const access = await routeTenantContext(tenant, "mailboxes.write");
  if (!access.ok) return Response.json({ error: access.error }, { status: access.status });
  try {
    const report = await getCampaignReport(access.ctx, id);
    return Response.json(report, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: "not_found" }, { status: 404 });
    throw error;
  }
}
