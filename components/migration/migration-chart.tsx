import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { calendarDays, formatDay, formatShortDay, type DateConventions } from "@/lib/i18n/dates/formats";
import { getTranslator } from "@/lib/i18n/server";
import type { PlanImport } from "@/lib/migration/get-migration-plan";

const series = [
  { key: "onBasic", label: "migration.chart.basic", barClass: "fill-amber-600", swatch: "bg-amber-600" },
  { key: "onOauth", label: "migration.chart.oauth", barClass: "fill-sky-700", swatch: "bg-sky-700" },
  { key: "moved", label: "migration.chart.moved", barClass: "fill-green-700", swatch: "bg-green-700" },
] as const;

const SLOT = 64;
const HEIGHT = 230;
/** The chart's margins around its columns (components/charts/stacked-bar-chart.tsx). */
const MARGINS = 72;

/**
 * Stacked bars, one per imported report: its senders still on Basic, on OAuth,
 * and the plan's senders moved to the relay by the end of its period. The
 * figures are also in a table that screen readers read (the drawing is hidden
 * from them) and that anyone can open.
 */
export async function MigrationChart({ imports, dates }: { imports: PlanImport[]; dates: DateConventions }) {
  const t = await getTranslator();
  // A report's period is calendar days, stored as midnight UTC.
  const days = calendarDays(dates);
  const number = new Intl.NumberFormat(t.locale);
  const period = (item: PlanImport) =>
    t("migration.imports.periodValue", {
      start: formatDay(days, item.periodStart),
      end: formatDay(days, item.periodEnd),
    });
  const width = MARGINS + Math.max(imports.length, 4) * SLOT;
  const latest = imports[imports.length - 1];
  return (
    <figure
      aria-labelledby="migration-chart-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="migration-chart"
    >
      <figcaption id="migration-chart-heading" className="text-lg font-semibold">
        {t("migration.chart.heading")}
      </figcaption>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span className={`inline-block size-3 rounded-sm ${s.swatch}`} />
            {t(s.label)}
          </li>
        ))}
      </ul>
      <div className="relative overflow-x-auto">
        <StackedBarChart
          columns={imports.map((item) => ({
            id: item.id,
            tick: formatShortDay(days, item.periodEnd),
            title: `${period(item)}: ${series.map((s) => `${t(s.label)} ${item[s.key]}`).join(", ")}`,
            values: { onBasic: item.onBasic, onOauth: item.onOauth, moved: item.moved },
          }))}
          series={series.map((s) => ({ key: s.key, label: t(s.label), barClass: s.barClass }))}
          width={width}
          height={HEIGHT}
          slot={SLOT}
          xTitle={t("charts.migration.x")}
          yTitle={t("charts.migration.y")}
          formatNumber={(value) => number.format(value)}
          className="text-slate-600"
        />
      </div>
      {latest && (
        <p className="text-sm text-slate-700" data-testid="migration-chart-summary">
          {t("migration.chart.summary", {
            period: period(latest),
            basic: latest.onBasic,
            oauth: latest.onOauth,
            moved: latest.moved,
          })}
        </p>
      )}
      {/* The wrapper hides it: a table ignores the 1px width of sr-only and would widen a phone's page. */}
      <div className="sr-only">
        <table data-testid="migration-chart-table">
          <caption>{t("migration.chart.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("migration.chart.period")}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {t(s.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {imports.map((item) => (
              <tr key={item.id}>
                <th scope="row">{period(item)}</th>
                {series.map((s) => (
                  <td key={s.key}>{item[s.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
