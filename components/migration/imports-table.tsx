import { calendarDays, formatDay, formatMoment, type DateConventions } from "@/lib/i18n/dates/formats";
import { getTranslator } from "@/lib/i18n/server";
import type { PlanImport } from "@/lib/migration/get-migration-plan";

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";

/** The reports imported so far, newest first: which period, from which file, how many senders. */
export async function ImportsTable({ imports, dates }: { imports: PlanImport[]; dates: DateConventions }) {
  const t = await getTranslator();
  // A report's period is calendar days (stored as midnight UTC); the import itself is a moment.
  const days = calendarDays(dates);
  return (
    <section aria-labelledby="migration-imports-heading" className="space-y-2">
      <h2 id="migration-imports-heading" className="text-lg font-semibold">
        {t("migration.imports.heading")}
      </h2>
      {/* Focusable so that the keyboard can scroll it sideways on a narrow screen. */}
      <div
        role="region"
        aria-labelledby="migration-imports-caption"
        tabIndex={0}
        className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      >
        <table className="w-full min-w-[34rem] text-left text-sm" data-testid="migration-imports">
          <caption id="migration-imports-caption" className="sr-only">
            {t("migration.imports.caption")}
          </caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className={th}>
                {t("migration.imports.period")}
              </th>
              <th scope="col" className={th}>
                {t("migration.imports.file")}
              </th>
              <th scope="col" className={th}>
                {t("migration.imports.importedAt")}
              </th>
              <th scope="col" className={th}>
                {t("migration.imports.senders")}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...imports].reverse().map((item) => (
              <tr
                key={item.id}
                className="border-b border-slate-100 last:border-0"
                data-testid="migration-import"
              >
                <td className={`${td} whitespace-nowrap`}>
                  {t("migration.imports.periodValue", {
                    start: formatDay(days, item.periodStart),
                    end: formatDay(days, item.periodEnd),
                  })}
                </td>
                <td className={`${td} min-w-[12rem] [overflow-wrap:anywhere]`}>{item.fileName}</td>
                <td className={`${td} whitespace-nowrap`}>{formatMoment(dates, item.createdAt)}</td>
                <td className={td}>
                  {t("migration.imports.sendersValue", {
                    count: item.senders,
                    basic: item.onBasic,
                    oauth: item.onOauth,
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
