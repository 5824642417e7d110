"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useDates, useT } from "@/components/i18n-provider";
import { ConnectionStateBadge } from "@/components/mailboxes/connection-state-badge";
import type { TenantDashboard as Figures } from "@/lib/dashboard/get-tenant-dashboard";
import { formatDay, formatPreciseTime } from "@/lib/i18n/dates/formats";
import { connectionStates } from "@/lib/mailboxes/mailbox-schemas";

const card = "rounded-lg border border-slate-200 bg-white p-4";

/**
 * The admin's figures, fetched from the dashboard route and refreshed every 15 seconds.
 * The charts (`activity`, `ending`) are drawn by the page on the server, for the period
 * in its URL, and stay as drawn until the page is loaded again or another period chosen.
 */
export function TenantDashboard({
  tenant,
  initial,
  dyingDays,
  activity,
  ending,
}: {
  tenant: string;
  initial: Figures;
  dyingDays: number;
  activity: ReactNode;
  ending: ReactNode;
}) {
  const t = useT();
  const dates = useDates();
  const { data, isError } = useQuery({
    queryKey: ["dashboard", tenant],
    queryFn: async (): Promise<Figures> => {
      const response = await fetch(`/api/t/${encodeURIComponent(tenant)}/dashboard`, { cache: "no-store" });
      if (!response.ok) throw new Error(`dashboard ${response.status}`);
      return response.json();
    },
    initialData: initial,
    refetchInterval: 15_000,
  });
  const figures = data ?? initial;
  const base = `/t/${tenant}`;
  return (
    <div data-testid="dashboard" className="space-y-6">
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("dashboard.updated", { time: formatPreciseTime(dates, new Date(figures.generatedAt)) })}
      </p>
      {isError && (
        <p role="alert" className="text-sm text-red-800">
          {t("dashboard.loadFailed")}
        </p>
      )}

      <section aria-labelledby="dashboard-states" className={card}>
        <h2 id="dashboard-states" className="mb-3 text-lg font-semibold">
          {t("dashboard.states.heading")}
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {connectionStates.map((state) => (
            <li key={state}>
              <Link
                href={`${base}/mailboxes?state=${state}`}
                className="block rounded border border-slate-200 p-3 hover:bg-slate-50"
              >
                <span className="block text-2xl font-semibold" data-testid={`dashboard-count-${state}`}>
                  {figures.counts[state]}
                </span>
                <ConnectionStateBadge state={state} label={t(`mailboxes.states.${state}.label`)} />
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-4 md:grid-cols-3">
        <section aria-labelledby="dashboard-queue-heading" className={card}>
          <h2 id="dashboard-queue-heading" className="font-semibold">
            {t("dashboard.queue.heading")}
          </h2>
          <p className="text-3xl font-semibold" data-testid="dashboard-queue">
            {figures.queue.total}
          </p>
          <p className="text-sm text-slate-600">{t("dashboard.queue.detail", figures.queue)}</p>
        </section>
        <section aria-labelledby="dashboard-sent-heading" className={card}>
          <h2 id="dashboard-sent-heading" className="font-semibold">
            {t("dashboard.sent24h")}
          </h2>
          <p className="text-3xl font-semibold" data-testid="dashboard-sent-24h">
            {figures.sent24h}
          </p>
        </section>
        <section aria-labelledby="dashboard-failed-heading" className={card}>
          <h2 id="dashboard-failed-heading" className="font-semibold">
            {t("dashboard.failed24h")}
          </h2>
          <p className="text-3xl font-semibold" data-testid="dashboard-failed-24h">
            {figures.failed24h}
          </p>
        </section>
      </div>

      <div className={card}>{activity}</div>

      <div className="grid gap-4 md:grid-cols-2">
        {/* One card for connections that end: the counts by horizon, then the soonest by name. */}
        <div className={`${card} space-y-4`}>
          {ending}
          {figures.dying.total > 0 ? (
            <section
              aria-labelledby="dashboard-dying-heading"
              className="space-y-2 border-t border-slate-200 pt-3"
              data-testid="dashboard-dying"
            >
              <h3 id="dashboard-dying-heading" className="text-sm font-semibold">
                {t("dashboard.dying.heading", { days: dyingDays })}
              </h3>
              <p className="text-sm" data-testid="dashboard-dying-total" data-count={figures.dying.total}>
                {t("dashboard.dying.total", { count: figures.dying.total })}
              </p>
              <ul className="space-y-1 text-sm">
                {figures.dying.mailboxes.map((m) => (
                  <li key={m.id}>
                    <Link href={`${base}/mailboxes/${m.id}`} className="text-brand-700 underline">
                      {m.address}
                    </Link>{" "}
                    — {t("dashboard.dying.endsAt", { date: formatDay(dates, new Date(m.endsAt)) })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <section aria-labelledby="dashboard-broken-heading" className={card} data-testid="dashboard-broken">
          <h2 id="dashboard-broken-heading" className="font-semibold">
            {t("dashboard.broken.heading")}
          </h2>
          {figures.brokenConfigurations.length === 0 ? (
            <p className="text-sm text-slate-600">{t("dashboard.broken.none")}</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {figures.brokenConfigurations.map((c) => (
                <li key={c.id}>
                  <Link href={`${base}/clients/${c.id}`} className="text-brand-700 underline">
                    {c.name}
                  </Link>{" "}
                  — {t("dashboard.broken.since", { date: formatDay(dates, new Date(c.brokenAt)) })}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
