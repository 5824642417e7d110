import Link from "next/link";
import { endingSegments } from "@/components/charts/chart-colors";
import { InlineBar } from "@/components/charts/inline-bar";
import { endingHorizons, type EndingConnections } from "@/lib/dashboard/count-ending-connections";
import { getTranslator } from "@/lib/i18n/server";

/** The segments of a bar up to a horizon: those ending within 30 days, 31 to 60, 61 to 90. */
export function endingBarSegments(ending: EndingConnections, upTo: number) {
  let before = 0;
  return endingSegments
    .filter((segment) => segment.upTo <= upTo)
    .map((segment) => {
      const value = ending[segment.upTo] - before;
      before = ending[segment.upTo];
      return { value, barClass: segment.barClass };
    });
}

/**
 * How many connected mailboxes end within 30, 60 and 90 days, as a table whose rows
 * carry their bar; a link to the mailbox list sorted by that end.
 */
export async function EndingConnectionsChart({ ending, base }: { ending: EndingConnections; base: string }) {
  const t = await getTranslator();
  const number = new Intl.NumberFormat(t.locale);
  return (
    <section aria-labelledby="ending-heading" className="space-y-3" data-testid="dashboard-ending">
      <h2 id="ending-heading" className="font-semibold">
        {t("charts.ending.heading")}
      </h2>
      {ending[90] === 0 ? (
        <p className="text-sm text-slate-600" data-testid="ending-none">
          {t("charts.ending.none")}
        </p>
      ) : (
        <>
          <table className="w-full text-sm" data-testid="ending-table">
            <caption className="sr-only">{t("charts.ending.caption")}</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">{t("charts.ending.period")}</th>
                <th scope="col">{t("charts.ending.count")}</th>
              </tr>
            </thead>
            <tbody>
              {endingHorizons.map((days) => (
                <tr key={days} data-days={days}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal whitespace-nowrap">
                    {t("charts.ending.within", { days })}
                  </th>
                  <td className="w-full py-1">
                    <div className="flex items-center gap-2">
                      <span
                        className="w-10 shrink-0 text-right font-medium tabular-nums"
                        data-count={ending[days]}
                      >
                        {number.format(ending[days])}
                      </span>
                      <InlineBar
                        segments={endingBarSegments(ending, days)}
                        max={ending[90]}
                        className="h-3 min-w-0 flex-1"
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-sm text-slate-600">{t("charts.ending.explain")}</p>
          <Link
            href={`${base}/mailboxes?state=connected&sort=expiry`}
            className="inline-block text-sm text-brand-700 underline"
            data-testid="ending-link"
          >
            {t("charts.ending.link")}
          </Link>
        </>
      )}
    </section>
  );
}
