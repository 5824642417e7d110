import { calendarDays, formatDay, formatShortDay, type DateConventions } from "@/lib/i18n/dates/formats";
import { getTranslator } from "@/lib/i18n/server";
import type { PlanImport } from "@/lib/migration/get-migration-plan";

const series = [
  { key: "onBasic", label: "migration.chart.basic", fill: "#d97706", swatch: "bg-amber-600" },
  { key: "onOauth", label: "migration.chart.oauth", fill: "#0369a1", swatch: "bg-sky-700" },
  { key: "moved", label: "migration.chart.moved", fill: "#15803d", swatch: "bg-green-700" },
] as const;

const SLOT = 64;
const BAR = 40;
const HEIGHT = 200;
const TOP = 16;
const AXIS = 36;
const LEFT = 36;

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
  const period = (item: PlanImport) =>
    t("migration.imports.periodValue", {
      start: formatDay(days, item.periodStart),
      end: formatDay(days, item.periodEnd),
    });
  const max = Math.max(1, ...imports.map((item) => item.onBasic + item.onOauth + item.moved));
  const scale = (value: number) => (value / max) * (HEIGHT - TOP - AXIS);
  const width = LEFT + Math.max(imports.length, 4) * SLOT;
  const baseline = HEIGHT - AXIS;
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
      <div className="relative overflow-x-auto" aria-hidden="true">
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} className="text-slate-600">
          {[...new Set([max, Math.round(max / 2)])].map((value) => (
            <g key={value}>
              <line
                x1={LEFT - 4}
                x2={width}
                y1={baseline - scale(value)}
                y2={baseline - scale(value)}
                stroke="#e2e8f0"
              />
              <text
                x={LEFT - 8}
                y={baseline - scale(value) + 4}
                textAnchor="end"
                fontSize="11"
                fill="currentColor"
              >
                {value}
              </text>
            </g>
          ))}
          <line x1={LEFT - 4} x2={width} y1={baseline} y2={baseline} stroke="#94a3b8" />
          {imports.map((item, index) => {
            const x = LEFT + index * SLOT + (SLOT - BAR) / 2;
            let top = baseline;
            return (
              <g key={item.id}>
                <title>
                  {`${period(item)}: ${series.map((s) => `${t(s.label)} ${item[s.key]}`).join(", ")}`}
                </title>
                {series.map((s) => {
                  const height = scale(item[s.key]);
                  top -= height;
                  return height > 0 ? (
                    <rect key={s.key} x={x} y={top} width={BAR} height={height} fill={s.fill} />
                  ) : null;
                })}
                <text x={x + BAR / 2} y={baseline + 14} textAnchor="middle" fontSize="11" fill="currentColor">
                  {formatShortDay(days, item.periodEnd)}
                </text>
              </g>
            );
          })}
        </svg>
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
