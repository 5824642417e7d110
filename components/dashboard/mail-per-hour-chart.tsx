"use client";

import { useId } from "react";
import { useLocale, useT } from "@/components/i18n-provider";
import type { TenantDashboard } from "@/lib/dashboard/get-tenant-dashboard";

/** Bars of mail per hour; the figures are also in a table for screen readers and on request. */
export function MailPerHourChart({ perHour }: { perHour: TenantDashboard["perHour"] }) {
  const t = useT();
  const locale = useLocale();
  const captionId = useId();
  const hour = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  const max = Math.max(1, ...perHour.map((h) => h.sent + h.failed));
  return (
    <figure data-testid="dashboard-chart" className="space-y-2">
      <figcaption id={captionId} className="font-medium">
        {t("dashboard.chart.heading")}
      </figcaption>
      <div aria-hidden="true" className="flex h-32 items-end gap-px border-b border-slate-300">
        {perHour.map((h) => (
          <div
            key={h.hour}
            className="flex h-full flex-1 flex-col justify-end"
            title={hour.format(new Date(h.hour))}
          >
            <div className="bg-red-600" style={{ height: `${(h.failed / max) * 100}%` }} />
            <div className="bg-brand-600" style={{ height: `${(h.sent / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700 underline">
          {t("dashboard.chart.showTable")}
        </summary>
        <div className="overflow-x-auto">
          <table className="mt-2 text-sm" aria-labelledby={captionId}>
            <thead>
              <tr className="text-left">
                <th scope="col" className="pr-4">
                  {t("dashboard.chart.hour")}
                </th>
                <th scope="col" className="pr-4">
                  {t("dashboard.chart.sent")}
                </th>
                <th scope="col">{t("dashboard.chart.failed")}</th>
              </tr>
            </thead>
            <tbody>
              {perHour.map((h) => (
                <tr key={h.hour}>
                  <th scope="row" className="pr-4 text-left font-normal">
                    {hour.format(new Date(h.hour))}
                  </th>
                  <td className="pr-4">{h.sent}</td>
                  <td>{h.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
