import { RangeChooser } from "@/components/charts/range-chooser";
import { mailSeries } from "@/components/charts/chart-colors";
import { StackedBarChart, type ChartColumn } from "@/components/charts/stacked-bar-chart";
import { chartLabels } from "@/lib/dashboard/chart-labels";
import type { MailActivity } from "@/lib/dashboard/get-mail-activity";
import { mailActivityRanges, type MailActivityRange } from "@/lib/dashboard/mail-activity-range";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";

type Series = (typeof mailSeries)[number]["key"];

/** Every n-th bar labelled under the axis: wide drawing, narrow (phone) drawing. */
const tickEvery: Record<MailActivityRange, [number, number]> = {
  "24h": [3, 6],
  "7d": [1, 2],
  "30d": [5, 10],
  "90d": [15, 30],
};

/**
 * The school's mail per hour or per day, stacked sent / failed / held, drawn on the
 * server (components/charts/stacked-bar-chart.tsx): its period, the totals, the
 * drawing (an image named by the totals; a narrower one on a phone), what each
 * series counts, and every figure in a table.
 */
export async function MailActivityChart({ activity, base }: { activity: MailActivity; base: string }) {
  const t = await getTranslator();
  const { range, unit, timeZone, totals } = activity;
  const dates = await getDateConventions(timeZone);
  const labels = chartLabels(dates, unit, { weekday: range === "7d" });
  const narrowLabels = chartLabels(dates, unit);
  const series = mailSeries.map((s) => ({ key: s.key, label: t(s.label), barClass: s.barClass }));
  const columns = (short: typeof labels): ChartColumn<Series>[] =>
    activity.buckets.map((bucket) => {
      const start = new Date(bucket.start);
      return {
        id: bucket.start,
        tick: short.tick(start),
        title: t("charts.mail.barTitle", {
          when: labels.full(start, new Date(bucket.end)),
          sent: bucket.sent,
          failed: bucket.failed,
          held: bucket.held,
        }),
        values: { sent: bucket.sent, failed: bucket.failed, held: bucket.held },
      };
    });
  const caption = t(`charts.mail.caption.${range}` as const);
  const summary = t("charts.mail.summary", { caption, ...totals });
  const empty = totals.sent + totals.failed + totals.held === 0;
  const axes = {
    xTitle: t(unit === "hour" ? "charts.mail.xHour" : "charts.mail.xDay", { zone: timeZone }),
    yTitle: t("charts.mail.y"),
    formatNumber: labels.number,
    label: summary,
  };
  const names = Object.fromEntries(
    mailActivityRanges.map((r) => [r, t(`charts.ranges.${r}` as const)]),
  ) as Record<MailActivityRange, string>;
  return (
    <section
      aria-labelledby="mail-activity-heading"
      className="space-y-3"
      data-testid="dashboard-chart"
      data-range={range}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="mail-activity-heading" className="text-lg font-semibold">
          {t("charts.mail.heading")}
        </h2>
        <RangeChooser
          id="mail-activity-range"
          label={t("charts.ranges.label")}
          names={names}
          current={range}
          href={(r) => `${base}?range=${r}`}
          testId="mail-activity-range"
        />
      </div>
      <p className="text-sm text-slate-700">{caption}</p>
      {/* Wide screens: the drawing on the left, its totals and what it counts on its right. */}
      <div className="grid gap-x-8 gap-y-3 lg:grid-cols-[minmax(0,720px)_minmax(0,1fr)] lg:grid-rows-[auto_1fr]">
        <ul
          className="flex flex-wrap gap-x-5 gap-y-1 text-sm lg:col-start-2 lg:row-start-1 lg:flex-col lg:gap-y-2"
          aria-label={t("charts.mail.totals")}
          data-testid="mail-activity-totals"
        >
          {mailSeries.map((s) => (
            <li
              key={s.key}
              className="flex items-center gap-1.5"
              data-series={s.key}
              data-count={totals[s.key]}
            >
              <span aria-hidden="true" className={`inline-block size-3 rounded-sm ${s.swatch}`} />
              {t("charts.legendItem", { label: t(s.label), count: labels.number(totals[s.key]) })}
            </li>
          ))}
        </ul>
        <div className="lg:col-start-1 lg:row-span-2 lg:row-start-1">
          {empty ? (
            <p
              className="rounded border border-dashed border-slate-300 px-4 py-10 text-center text-slate-600"
              data-testid="mail-activity-empty"
            >
              {t("charts.mail.empty")}
            </p>
          ) : (
            <>
              <StackedBarChart
                {...axes}
                columns={columns(labels)}
                series={series}
                width={720}
                height={280}
                tickEvery={tickEvery[range][0]}
                className="h-auto w-full max-sm:hidden"
                testId="mail-activity-chart"
              />
              <StackedBarChart
                {...axes}
                columns={columns(narrowLabels)}
                series={series}
                width={340}
                height={240}
                tickEvery={tickEvery[range][1]}
                titles={false}
                className="h-auto w-full sm:hidden"
                testId="mail-activity-chart-narrow"
              />
            </>
          )}
        </div>
        <p
          className="text-sm text-slate-600 lg:col-start-2 lg:row-start-2"
          data-testid="mail-activity-definitions"
        >
          {t(`charts.mail.definitions.${unit}` as const, { zone: timeZone })}
        </p>
      </div>
      {!empty && (
        <details>
          <summary className="cursor-pointer text-sm text-brand-700 underline">
            {t("charts.showTable")}
          </summary>
          <div className="relative overflow-x-auto">
            <table className="mt-2 text-sm" data-testid="mail-activity-table">
              <caption className="sr-only">{caption}</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col" className="py-1 pr-4">
                    {t(unit === "hour" ? "charts.mail.hour" : "charts.mail.day")}
                  </th>
                  {mailSeries.map((s) => (
                    <th key={s.key} scope="col" className="py-1 pr-4 text-right">
                      {t(s.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {activity.buckets.map((bucket) => (
                  <tr key={bucket.start} className="border-t border-slate-100" data-start={bucket.start}>
                    <th scope="row" className="py-1 pr-4 text-left font-normal">
                      {labels.full(new Date(bucket.start), new Date(bucket.end))}
                    </th>
                    {mailSeries.map((s) => (
                      <td key={s.key} className="py-1 pr-4 text-right tabular-nums" data-series={s.key}>
                        {labels.number(bucket[s.key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t border-slate-300 font-medium">
                  <th scope="row" className="py-1 pr-4 text-left">
                    {t("charts.mail.totals")}
                  </th>
                  {mailSeries.map((s) => (
                    <td key={s.key} className="py-1 pr-4 text-right tabular-nums" data-series={s.key}>
                      {labels.number(totals[s.key])}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
