import { ImportsTable } from "@/components/migration/imports-table";
import { MigrationChart } from "@/components/migration/migration-chart";
import { MigrationPlanner } from "@/components/migration/migration-planner";
import { MigrationTotals } from "@/components/migration/migration-totals";
import { ReportUploadForm } from "@/components/migration/report-upload-form";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { listClientConfigurations } from "@/lib/clients/list-client-configurations";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { dayIn } from "@/lib/i18n/dates/time-zones";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { getMigrationPlan } from "@/lib/migration/get-migration-plan";
import { planRowView } from "@/lib/migration/plan-row-view";
import { relayConnectionInfo } from "@/lib/relay/relay-settings";
import { withMessages } from "@/components/i18n/with-messages";

const DAY_MS = 86_400_000;

async function MigrationPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "migration.write", `/t/${tenant}/migration`);
  const [t, dates, plan, configurations] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    getMigrationPlan(ctx),
    listClientConfigurations(ctx),
  ]);
  const now = new Date();
  const base = `/t/${ctx.tenantSlug}/migration`;
  const hasImports = plan.imports.length > 0;
  return (
    <div className="space-y-6">
      <header className="print:hidden">
        <h1 className="text-2xl font-semibold">{t("migration.page.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("migration.page.intro")}</p>
      </header>
      {hasImports && (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] print:hidden">
          <MigrationTotals totals={plan.totals} />
          <MigrationChart imports={plan.imports} dates={dates} />
        </div>
      )}
      {/* Always in this place of the tree, so that the upload's answer survives the refresh that follows it.
          Side by side only on wide screens: the imports table needs the room. */}
      <div className="grid grid-cols-1 gap-4 2xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] print:hidden">
        <ReportUploadForm
          tenant={ctx.tenantSlug}
          defaultStart={dayIn(ctx.timeZone, new Date(now.getTime() - 6 * DAY_MS))}
          defaultEnd={dayIn(ctx.timeZone, now)}
        />
        {hasImports ? (
          <ImportsTable imports={plan.imports} dates={dates} />
        ) : (
          <p className="text-slate-700 lg:pt-4" data-testid="migration-empty">
            {t("migration.page.empty")}
          </p>
        )}
      </div>
      {hasImports && (
        <section aria-labelledby="migration-plan-heading" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-3 print:hidden">
            <h2 id="migration-plan-heading" className="text-lg font-semibold">
              {t("migration.plan.heading")}
            </h2>
            <a
              href={`${base}/export`}
              download
              className="text-sm text-brand-700 underline"
              data-testid="migration-export"
            >
              {t("migration.plan.export")}
            </a>
          </div>
          <MigrationPlanner
            tenant={ctx.tenantSlug}
            rows={plan.rows.map((row) => planRowView(row, (date) => formatMoment(dates, date)))}
            configurations={configurations.map(({ id, name }) => ({ id, name }))}
            info={relayConnectionInfo()}
          />
        </section>
      )}
    </div>
  );
}

export default withMessages(["migration"], MigrationPage);
