"use client";

import { useId } from "react";
import { useDates, useT } from "@/components/i18n-provider";
import type { TenantDashboard } from "@/lib/dashboard/get-tenant-dashboard";
import { formatTime } from "@/lib/i18n/dates/formats";

/** Bars of mail per hour; the figures are also in a table for screen readers and on request. */
export function MailPerHourChart({ perHour }: { perHour: TenantDashboard["perHour"] }) {
  const t = useT();
  const dates = useDates();
  const captionId = useId();
  const max = Math.max(1, ...perHour.map((h) => h.sent + h.failed));
  return (
    <figure data-testid="dashboard-chart" className="space-y-2">
      <figcaption id={captionId} className="font-medium">
        {t("dashboard.chart.heading")}
      </figcaption>
      {/* Bars drawn in SVG: their heights are attributes, where a style attribute would be refused by
          the Content-Security-Policy (docs/security-headers.md). */}
      <svg
        aria-hidden="true"
        className="block h-32 w-full border-b border-slate-300"
        viewBox={`0 0 ${Math.max(1, perHour.length)} 100`}
        preserveAspectRatio="none"
      >
        {perHour.map((h, index) => {
          const failed = (h.failed / max) * 100;
          const sent = (h.sent / max) * 100;
          return (
            <g key={h.hour}>
              <title>{formatTime(dates, new Date(h.hour))}</title>
              <rect
                x={index + 0.05}
                width={0.9}
                y={100 - sent - failed}
                height={failed}
                className="fill-red-600"
              />
              <rect x={index + 0.05} width={0.9} y={100 - sent} height={sent} className="fill-brand-600" />
            </g>
          );
        })}
      </svg>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700 underline">
          {t("dashboard.chart.showTable")}
        </summary>
        <div className="relative overflow-x-auto">
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
                    {formatTime(dates, new Date(h.hour))}
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
