import Link from "next/link";
import { auditQueryString, parseAuditQuery } from "@/lib/audit/audit-filters";
import { AuditDetails } from "@/components/audit/audit-details";
import { auditActionLabel, auditTargetTypeLabel } from "@/lib/audit/audit-labels";
import { listAuditActions } from "@/lib/audit/list-audit-actions";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { formatPreciseMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { fieldClass, pageLinkClass, stackedTable as stacked } from "@/components/ui/classes";
import { FilterSelect } from "@/components/ui/filter-select";
import { PhoneDisclosure } from "@/components/ui/phone-disclosure";

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "audit.read", `/t/${tenant}/audit`);
  const { filters, page, ignored } = parseAuditQuery(await searchParams);
  const [t, dates, list, actions] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listAuditEntries(ctx, filters, page),
    listAuditActions(ctx),
  ]);
  const base = `/t/${ctx.tenantSlug}/audit`;
  const choices =
    filters.action && !actions.includes(filters.action) ? [filters.action, ...actions] : actions;
  const paged = page.before !== undefined || page.after !== undefined;
  const filtersInUse = Object.values(filters).filter(Boolean).length;
  // On a phone each entry is a card: what was done first, the rest under their column's name.
  const td = `py-2 pr-4 ${stacked.cell}`;
  const labelled = `${td} ${stacked.labelled}`;
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
          <p className="mt-1 text-slate-600">{t("audit.intro", { zone: ctx.timeZone })}</p>
        </div>
        <a
          href={`${base}/export${auditQueryString(filters)}`}
          download
          data-testid="audit-export"
          className="rounded border border-brand-600 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          {t("audit.export")}
        </a>
      </div>

      <PhoneDisclosure
        label={filtersInUse ? t("common.filters.active", { count: filtersInUse }) : t("common.filters.show")}
        testId="audit-filters-toggle"
      >
        <form
          method="get"
          action={base}
          className="rounded border border-slate-200 bg-white p-3"
          role="search"
        >
          <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            <legend className="sr-only">{t("audit.filters.legend")}</legend>
            <FilterSelect
              label={t("audit.filters.action")}
              name="action"
              value={filters.action}
              anyLabel={t("audit.filters.anyAction")}
              options={choices.map((action) => ({ value: action, label: auditActionLabel(t, action) }))}
              testId="filter-action"
            />
            <label className="text-sm">
              {t("audit.filters.actor")}
              <input
                name="actor"
                defaultValue={filters.actor ?? ""}
                className={fieldClass}
                data-testid="filter-actor"
              />
            </label>
            <label className="text-sm">
              {t("audit.filters.target")}
              <input
                name="target"
                defaultValue={filters.target ?? ""}
                className={fieldClass}
                data-testid="filter-target"
              />
            </label>
            <label className="text-sm">
              {t("audit.filters.from")}
              <input type="date" name="from" defaultValue={filters.from ?? ""} className={fieldClass} />
            </label>
            <label className="text-sm">
              {t("audit.filters.to")}
              <input type="date" name="to" defaultValue={filters.to ?? ""} className={fieldClass} />
            </label>
          </fieldset>
          <div className="mt-3 flex items-center gap-3">
            <button
              type="submit"
              data-testid="filter-apply"
              className="rounded bg-brand-600 px-4 py-1 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t("audit.filters.apply")}
            </button>
            <Link href={base} className="text-sm text-brand-700 underline">
              {t("audit.filters.reset")}
            </Link>
          </div>
        </form>
      </PhoneDisclosure>

      {ignored && (
        <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("audit.filters.ignored")}
        </p>
      )}

      {list.entries.length === 0 ? (
        <p className="text-slate-600" data-testid="audit-empty">
          {filtersInUse || paged ? t("audit.empty") : t("audit.none")}
        </p>
      ) : (
        <div className="relative overflow-x-auto">
          <table
            className={`w-full border-collapse text-left text-sm ${stacked.table}`}
            data-testid="audit-table"
          >
            <thead className={stacked.head}>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-4">
                  {t("audit.columns.when")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("audit.columns.who")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("audit.columns.action")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("audit.columns.target")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("audit.columns.ip")}
                </th>
                <th scope="col" className="py-2">
                  {t("audit.columns.details")}
                </th>
              </tr>
            </thead>
            <tbody className={stacked.body}>
              {list.entries.map((entry) => (
                <tr
                  key={entry.id}
                  className={`border-b border-slate-200 align-top ${stacked.row} max-sm:px-0`}
                  data-testid="audit-row"
                >
                  <td className={`${labelled} whitespace-nowrap`} data-label={t("audit.columns.when")}>
                    <time dateTime={entry.createdAt.toISOString()}>
                      {formatPreciseMoment(dates, entry.createdAt)}
                    </time>
                  </td>
                  <td className={`${labelled} max-sm:break-all`} data-label={t("audit.columns.who")}>
                    {entry.actorLabel}
                  </td>
                  <td className={`${td} ${stacked.first} max-sm:font-medium`} title={entry.action}>
                    {auditActionLabel(t, entry.action)}
                  </td>
                  <td className={`${labelled} max-sm:break-all`} data-label={t("audit.columns.target")}>
                    {entry.targetLabel || entry.targetId}
                    <span className="block text-xs text-slate-500" title={entry.targetType}>
                      {auditTargetTypeLabel(t, entry.targetType)}
                    </span>
                  </td>
                  <td className={`${labelled} font-mono text-xs`} data-label={t("audit.columns.ip")}>
                    {entry.ip}
                  </td>
                  <td
                    className={`py-2 text-xs wrap-anywhere text-slate-700 ${stacked.cell} ${stacked.labelled}`}
                    data-label={t("audit.columns.details")}
                  >
                    <AuditDetails t={t} dates={dates} action={entry.action} details={entry.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(paged || list.newer || list.older) && (
        <nav aria-label={t("audit.pagination.label")} className="flex gap-2 text-sm">
          {paged && (
            <Link href={`${base}${auditQueryString(filters)}`} className={pageLinkClass}>
              {t("audit.pagination.newest")}
            </Link>
          )}
          {list.newer && (
            <Link
              href={`${base}${auditQueryString(filters, { after: list.newer })}`}
              className={pageLinkClass}
            >
              {t("audit.pagination.newer")}
            </Link>
          )}
          {list.older && (
            <Link
              href={`${base}${auditQueryString(filters, { before: list.older })}`}
              className={pageLinkClass}
              data-testid="audit-older"
            >
              {t("audit.pagination.older")}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
