import { getTranslator } from "@/lib/i18n/server";
import type { MigrationPlan } from "@/lib/migration/get-migration-plan";
import type { SenderStatus } from "@/lib/migration/sender-status";
import { SenderStatusBadge } from "./sender-status-badge";

/** From the furthest behind to done, the order an admin works through them. */
export const statusOrder: SenderStatus[] = ["to_do", "still_basic", "waiting", "quiet", "moved", "oauth"];

/** "31 of 40 senders moved", then how many senders are in each status and what it means. */
export async function MigrationTotals({ totals }: { totals: MigrationPlan["totals"] }) {
  const t = await getTranslator();
  return (
    <section
      aria-labelledby="migration-totals-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="migration-totals"
    >
      <h2 id="migration-totals-heading" className="text-lg font-semibold">
        {t("migration.totals.heading")}
      </h2>
      <p
        className="text-2xl font-semibold"
        data-testid="migration-moved"
        data-done={totals.done}
        data-senders={totals.senders}
      >
        {t("migration.totals.moved", { done: totals.done, count: totals.senders })}
      </p>
      {totals.oauth > 0 && (
        <p className="text-sm text-slate-600">
          {t("migration.totals.oauthIncluded", { oauth: totals.oauth })}
        </p>
      )}
      <dl aria-label={t("migration.totals.caption")} className="space-y-2 text-sm">
        {statusOrder.map((status) => (
          <div key={status} className="grid grid-cols-[3rem_minmax(0,1fr)] items-start gap-x-2">
            <dd
              className="order-first text-right text-lg leading-tight font-semibold tabular-nums"
              data-testid={`migration-count-${status}`}
            >
              {totals[status].toLocaleString(t.locale)}
            </dd>
            <dt>
              <SenderStatusBadge status={status} label={t(`migration.statusShort.${status}`)} />
              {t(`migration.status.${status}`) !== t(`migration.statusShort.${status}`) && (
                <span className="mt-0.5 block text-slate-600">{t(`migration.status.${status}`)}</span>
              )}
            </dt>
          </div>
        ))}
      </dl>
    </section>
  );
}
