import Link from "next/link";
import { stackedTable } from "@/components/ui/classes";
import { TableSection, tableCell } from "@/components/ui/table-section";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";

export default async function CampaignsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "mailboxes.write", `/t/${tenant}/campaigns`);
  const [t, dates, campaigns] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listCampaigns(ctx),
  ]);
  const base = `/t/${ctx.tenantSlug}/campaigns`;
  const cell = `${tableCell} ${stackedTable.cell}`;
  const labelled = `${cell} ${stackedTable.labelled}`;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("campaigns.list.title")}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">{t("campaigns.list.intro")}</p>
        </div>
        <Link
          href={`${base}/new`}
          data-testid="campaign-new"
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          {t("campaigns.list.start")}
        </Link>
      </header>
      <TableSection
        id="campaign-list-heading"
        testId="campaign-list"
        heading={t("campaigns.list.heading")}
        caption={t("campaigns.list.caption")}
        empty={t("campaigns.list.empty")}
        stacked
        columns={[
          t("campaigns.list.columns.name"),
          t("campaigns.list.columns.started"),
          t("campaigns.list.columns.progress"),
          t("campaigns.list.columns.state"),
        ]}
        rows={
          campaigns.length === 0
            ? null
            : campaigns.map((campaign) => (
                <tr
                  key={campaign.id}
                  className={`border-t border-slate-100 ${stackedTable.row}`}
                  data-testid="campaign-row"
                >
                  <td className={`${cell} min-w-48`}>
                    <Link
                      href={`${base}/${campaign.id}`}
                      className="font-medium break-words text-brand-700 underline"
                    >
                      {campaign.name}
                    </Link>
                  </td>
                  <td className={labelled} data-label={t("campaigns.list.columns.started")}>
                    {t("campaigns.list.startedBy", {
                      date: formatMoment(dates, campaign.createdAt),
                      who: campaign.createdBy,
                    })}
                  </td>
                  <td className={labelled} data-label={t("campaigns.list.columns.progress")}>
                    {t("campaigns.list.progress", { done: campaign.reconnected, total: campaign.members })}
                  </td>
                  <td className={labelled} data-label={t("campaigns.list.columns.state")}>
                    {campaign.closedAt ? t("campaigns.list.closed") : t("campaigns.list.open")}
                  </td>
                </tr>
              ))
        }
      />
    </div>
  );
}
