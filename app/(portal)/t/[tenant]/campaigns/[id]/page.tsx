import Link from "next/link";
import { notFound } from "next/navigation";
import { CampaignReportView } from "@/components/campaigns/campaign-report-view";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { DomainError } from "@/lib/errors/domain-error";
import { getCampaignReport } from "@/lib/campaigns/get-campaign-report";
import { getTranslator } from "@/lib/i18n/server";
import { withMessages } from "@/components/i18n/with-messages";

async function CampaignPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await requirePageTenant(tenant, "mailboxes.write", `/t/${tenant}/campaigns/${id}`);
  const [t, report] = await Promise.all([
    getTranslator(),
    getCampaignReport(ctx, id).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === "not_found") notFound();
      throw error;
    }),
  ]);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/t/${ctx.tenantSlug}/campaigns`} className="text-brand-700 underline">
          {t("campaigns.list.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words" data-testid="campaign-title">
        {report.name}
      </h1>
      <CampaignReportView tenant={ctx.tenantSlug} initial={report} />
    </div>
  );
}

export default withMessages(["clients", "mailboxes", "dashboard", "campaigns"], CampaignPage);
