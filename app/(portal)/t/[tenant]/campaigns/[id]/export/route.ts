import { DomainError } from "@/lib/errors/domain-error";
import { campaignCsv } from "@/lib/campaigns/campaign-csv";
import { getCampaignReport } from "@/lib/campaigns/get-campaign-report";
import { routeTenantContext } from "@/lib/auth/route-tenant-context";
import { dayIn } from "@/lib/i18n/dates/time-zones";

export const dynamic = "force-dynamic";

/** A campaign's report as CSV: one line per mailbox, dates in UTC (ISO 8601). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
) {
  const { tenant, id } = await params;
  const access = await routeTenantContext(tenant, "mailboxes.write");
  if (!access.ok) return Response.json({ error: access.error }, { status: access.status });
  const { ctx } = access;
  let report;
  try {
    report = await getCampaignReport(ctx, id);
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: "not_found" }, { status: 404 });
    throw error;
  }
  const day = dayIn(ctx.timeZone, new Date());
  return new Response(`\uFEFF${campaignCsv(report)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reconnect-campaign-${ctx.tenantSlug}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
