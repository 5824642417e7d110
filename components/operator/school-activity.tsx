import { endingSegments, mailSeries } from "@/components/charts/chart-colors";
import { InlineBar } from "@/components/charts/inline-bar";
import { RangeChooser } from "@/components/charts/range-chooser";
import { endingBarSegments } from "@/components/dashboard/ending-connections";
import { stackedTable as stacked } from "@/components/ui/classes";
import { endingHorizons } from "@/lib/dashboard/count-ending-connections";
import { mailActivityRanges, type MailActivityRange } from "@/lib/dashboard/mail-activity-range";
import { getTranslator } from "@/lib/i18n/server";
import type { OperatorTenant } from "@/lib/operator/get-operator-overview";

// On a phone each school is a card of three columns: its name; the mail's bar, then
// sent, failed, held; the connections' bar, then within 30, 60, 90 days.
const card = "max-sm:grid max-sm:grid-cols-3 max-sm:gap-x-3 max-sm:gap-y-2 max-sm:py-3";
const wide = "max-sm:col-span-3";

/**
 * Each school's mail over the chosen period (sent, failed, held) and its connections
 * ending within 30, 60 and 90 days: a table, the figures in its cells, each row with a
 * bar per group scaled to the largest school, so that schools compare at a glance. The
 * bars are hidden from assistive technology: the cells are the figures.
 */
export async function SchoolActivity({
  tenants,
  range,
}: {
  tenants: OperatorTenant[];
  range: MailActivityRange;
}) {
  const t = await getTranslator();
  const number = new Intl.NumberFormat(t.locale);
  const mailMax = Math.max(0, ...tenants.map((s) => s.activity.sent + s.activity.failed + s.activity.held));
  const endingMax = Math.max(0, ...tenants.map((s) => s.ending[90]));
  const names = Object.fromEntries(
    mailActivityRanges.map((r) => [r, t(`charts.ranges.${r}` as const)]),
  ) as Record<MailActivityRange, string>;
  const mailGroup = t("charts.operator.mailGroup", { period: names[range] });
  const labelled = `${stacked.cell} ${stacked.labelled}`;
  const figure = `py-2 pr-4 text-right tabular-nums max-sm:text-left ${labelled}`;
  const bar = <span className="sr-only">{t("charts.operator.bar")}</span>;
  return (
    <section aria-labelledby="school-activity-heading" className="space-y-3" data-testid="school-activity">
      <h2 id="school-activity-heading" className="text-lg font-semibold">
        {t("charts.operator.heading")}
      </h2>
      <p className="text-sm text-slate-600">{t("charts.operator.intro")}</p>
      <RangeChooser
        id="school-activity-range"
        label={t("charts.ranges.label")}
        names={names}
        current={range}
        href={(r) => `/operator?range=${r}`}
        testId="school-activity-range"
      />
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-hidden="true">
        {mailSeries.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span className={`inline-block size-3 rounded-sm ${s.swatch}`} />
            {t(s.label)}
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          {endingSegments.map((s) => (
            <span key={s.upTo} className={`inline-block size-3 rounded-sm ${s.swatch}`} />
          ))}
          {t("charts.operator.endingLegend")}
        </li>
      </ul>
      <div className="relative overflow-x-auto">
        <table
          className={`w-full border-collapse text-left text-sm ${stacked.table}`}
          data-testid="school-activity-table"
        >
          <caption className="sr-only">{`${t("charts.operator.caption")} (${names[range]})`}</caption>
          <colgroup>
            <col />
          </colgroup>
          <colgroup span={4} />
          <colgroup span={4} />
          <thead className={stacked.head}>
            <tr>
              <td />
              <th scope="colgroup" colSpan={4} className="border-b border-slate-200 pt-2 pr-4 font-medium">
                {mailGroup}
              </th>
              <th scope="colgroup" colSpan={4} className="border-b border-slate-200 pt-2 font-medium">
                {t("charts.operator.ending")}
              </th>
            </tr>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">
                {t("charts.operator.school")}
              </th>
              {mailSeries.map((s) => (
                <th key={s.key} scope="col" className="py-2 pr-4 text-right font-normal">
                  {t(s.label)}
                </th>
              ))}
              <th scope="col" className="py-2 pr-4">
                {bar}
              </th>
              {endingHorizons.map((days) => (
                <th key={days} scope="col" className="py-2 pr-4 text-right font-normal whitespace-nowrap">
                  {t("charts.operator.within", { days })}
                </th>
              ))}
              <th scope="col" className="py-2">
                {bar}
              </th>
            </tr>
          </thead>
          <tbody className={stacked.body}>
            {tenants.map((school) => (
              <tr
                key={school.id}
                className={`border-b border-slate-200 ${card}`}
                data-testid="school-activity-row"
                data-slug={school.slug}
              >
                <th scope="row" className={`py-2 pr-4 font-medium break-words ${stacked.cell} ${wide}`}>
                  {school.name}
                </th>
                {mailSeries.map((s) => (
                  <td
                    key={s.key}
                    className={`${figure} max-sm:order-2`}
                    data-label={t(s.label)}
                    data-series={s.key}
                    data-count={school.activity[s.key]}
                  >
                    {number.format(school.activity[s.key])}
                  </td>
                ))}
                <td className={`py-2 pr-4 ${labelled} ${wide} max-sm:order-1`} data-label={mailGroup}>
                  <InlineBar
                    segments={mailSeries.map((s) => ({
                      value: school.activity[s.key],
                      barClass: s.barClass,
                    }))}
                    max={mailMax}
                    className="h-3 w-32 max-sm:w-full"
                  />
                </td>
                {endingHorizons.map((days) => (
                  <td
                    key={days}
                    className={`${figure} max-sm:order-4`}
                    data-label={t("charts.operator.within", { days })}
                    data-days={days}
                    data-count={school.ending[days]}
                  >
                    {number.format(school.ending[days])}
                  </td>
                ))}
                <td
                  className={`py-2 ${labelled} ${wide} max-sm:order-3`}
                  data-label={t("charts.operator.ending")}
                >
                  <InlineBar
                    segments={endingBarSegments(school.ending, 90)}
                    max={endingMax}
                    className="h-3 w-24 max-sm:w-full"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
