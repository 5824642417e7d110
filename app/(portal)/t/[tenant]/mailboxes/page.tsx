import Link from "next/link";
import { BulkActions } from "@/components/mailboxes/bulk-actions";
import { mailboxRows } from "@/components/mailboxes/mailbox-rows";
import { MailboxesTable } from "@/components/mailboxes/mailboxes-table";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { providerKinds } from "@/lib/oauth/presets";
import { listMailboxFilterOptions } from "@/lib/mailboxes/list-mailbox-filter-options";
import { listMailboxes } from "@/lib/mailboxes/list-mailboxes";
import {
  mailboxListQueryString,
  mailboxPageSizes,
  mailboxSorts,
  parseMailboxListQuery,
} from "@/lib/mailboxes/mailbox-list-query";
import { connectionStates } from "@/lib/mailboxes/mailbox-schemas";
import { fieldClass, pageLinkClass } from "@/components/ui/classes";
import { FilterSelect } from "@/components/ui/filter-select";
import { PhoneDisclosure } from "@/components/ui/phone-disclosure";
import { withMessages } from "@/components/i18n/with-messages";

async function MailboxesPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "mailboxes.read", `/t/${tenant}/mailboxes`);
  const query = parseMailboxListQuery(await searchParams);
  const [t, dates, list, options] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listMailboxes(ctx, query),
    listMailboxFilterOptions(ctx),
  ]);
  const base = `/t/${ctx.tenantSlug}/mailboxes`;
  const canWrite = can(ctx, "mailboxes.write");
  const filtersInUse = [
    query.search,
    query.state,
    query.configurationId,
    query.provider,
    query.memberId,
  ].filter(Boolean).length;
  const filtered = filtersInUse > 0;
  const campaignFilter = new URLSearchParams(
    Object.entries({
      q: query.search,
      state: query.state,
      config: query.configurationId,
      provider: query.provider,
      member: query.memberId,
    }).flatMap(([key, value]) => (value ? [[key, value]] : [])),
  ).toString();
  const campaignQuery = campaignFilter ? `?${campaignFilter}` : "";
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("mailboxes.title")}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">{t("mailboxes.intro")}</p>
        </div>
        {canWrite && (
          <div className="flex flex-wrap gap-2">
            <Link
              href={`${base}/new`}
              data-testid="mailbox-new"
              className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            >
              {t("mailboxes.addButton")}
            </Link>
            <Link
              href={`${base}/import`}
              data-testid="mailbox-import"
              className="rounded border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
            >
              {t("mailboxes.importButton")}
            </Link>
            {/* Over the list's current filter (or, unfiltered, the mailboxes to reconnect). */}
            <Link
              href={`/t/${ctx.tenantSlug}/campaigns/new${campaignQuery}`}
              data-testid="mailbox-start-campaign"
              className="rounded border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
            >
              {t("mailboxes.startCampaign")}
            </Link>
          </div>
        )}
      </header>

      {/* On a phone the filters and the bulk actions are two buttons, one under the other. */}
      <div className="space-y-3 md:space-y-6">
        <PhoneDisclosure
          label={filtered ? t("common.filters.active", { count: filtersInUse }) : t("common.filters.show")}
          testId="mailbox-filters-toggle"
        >
          <form
            method="get"
            action={base}
            role="search"
            className="rounded border border-slate-200 bg-white p-3"
          >
            <fieldset className="grid gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-4">
              <legend className="sr-only">{t("mailboxes.filters.legend")}</legend>
              <label className="text-sm">
                {t("mailboxes.filters.search")}
                <input
                  type="search"
                  name="q"
                  defaultValue={query.search ?? ""}
                  maxLength={200}
                  className={fieldClass}
                  data-testid="mailbox-search"
                />
              </label>
              <FilterSelect
                label={t("mailboxes.filters.state")}
                name="state"
                value={query.state}
                anyLabel={t("mailboxes.filters.anyState")}
                options={connectionStates.map((state) => ({
                  value: state,
                  label: t(`mailboxes.states.${state}.label`),
                }))}
                testId="mailbox-state-filter"
              />
              <FilterSelect
                label={t("dashboard.table.configuration")}
                name="config"
                value={query.configurationId}
                anyLabel={t("dashboard.table.anyConfiguration")}
                options={options.configurations.map((c) => ({ value: c.id, label: c.name }))}
                testId="mailbox-config-filter"
              />
              <FilterSelect
                label={t("dashboard.table.provider")}
                name="provider"
                value={query.provider}
                anyLabel={t("dashboard.table.anyProvider")}
                options={providerKinds.map((p) => ({
                  value: p,
                  label: t(`clients.providers.${p}`),
                }))}
                testId="mailbox-provider-filter"
              />
              <FilterSelect
                label={t("dashboard.table.member")}
                name="member"
                value={query.memberId}
                anyLabel={t("dashboard.table.anyMember")}
                options={options.members.map((m) => ({ value: m.id, label: m.email }))}
                testId="mailbox-member-filter"
              />
              <FilterSelect
                label={t("dashboard.table.sort")}
                name="sort"
                value={query.sort ?? "address"}
                options={mailboxSorts.map((sort) => ({
                  value: sort,
                  label: t(`dashboard.table.sorts.${sort}`),
                }))}
                testId="mailbox-sort"
              />
              <FilterSelect
                label={t("dashboard.table.dir")}
                name="dir"
                value={query.dir ?? "asc"}
                options={[
                  { value: "asc", label: t("dashboard.table.asc") },
                  { value: "desc", label: t("dashboard.table.desc") },
                ]}
                testId="mailbox-dir"
              />
              <FilterSelect
                label={t("dashboard.table.pageSize")}
                name="size"
                value={String(list.pageSize)}
                options={mailboxPageSizes.map((size) => ({ value: String(size), label: String(size) }))}
                testId="mailbox-page-size"
              />
              <div className="flex items-center gap-3">
                <button
                  type="submit"
                  data-testid="mailbox-filter-apply"
                  className="rounded bg-brand-600 px-4 py-1 text-sm font-medium text-white hover:bg-brand-700"
                >
                  {t("mailboxes.filters.apply")}
                </button>
                {filtered && (
                  <Link href={base} className="text-sm text-brand-700 underline">
                    {t("mailboxes.filters.reset")}
                  </Link>
                )}
              </div>
            </fieldset>
          </form>
        </PhoneDisclosure>

        {canWrite && list.total > 0 && (
          <PhoneDisclosure label={t("dashboard.bulk.heading")} testId="bulk-actions-toggle">
            <BulkActions
              tenant={ctx.tenantSlug}
              filter={{
                q: query.search,
                state: query.state,
                config: query.configurationId,
                provider: query.provider,
                member: query.memberId,
              }}
              configurations={options.configurations}
              members={options.members}
            />
          </PhoneDisclosure>
        )}
      </div>

      {list.mailboxes.length === 0 ? (
        <p className="text-slate-600" data-testid="mailboxes-empty">
          {filtered ? t("mailboxes.emptyFiltered") : t("mailboxes.empty")}
        </p>
      ) : (
        <>
          <p
            className="text-sm text-slate-600"
            data-testid="mailboxes-total"
            data-count={list.capped ? `${list.total}+` : list.total}
          >
            {list.capped
              ? t("mailboxes.table.totalCapped", {
                  count: new Intl.NumberFormat(t.locale).format(list.total),
                })
              : t("mailboxes.table.total", { count: list.total })}
          </p>
          <MailboxesTable
            tenant={ctx.tenantSlug}
            canWrite={canWrite}
            rows={mailboxRows(t, dates, list.mailboxes)}
          />
        </>
      )}

      {(list.previous || list.next) && (
        <nav
          aria-label={t("mailboxes.pagination.label")}
          className="flex flex-wrap items-center gap-2 text-sm"
        >
          {list.previous && (
            <>
              <Link
                href={`${base}${mailboxListQueryString(query, { at: "first" })}`}
                className={pageLinkClass}
                data-testid="mailboxes-first"
              >
                {t("mailboxes.pagination.first")}
              </Link>
              <Link
                href={`${base}${mailboxListQueryString(query, list.previous)}`}
                className={pageLinkClass}
                rel="prev"
                data-testid="mailboxes-previous"
              >
                {t("mailboxes.pagination.previous")}
              </Link>
            </>
          )}
          {list.next && (
            <>
              <Link
                href={`${base}${mailboxListQueryString(query, list.next)}`}
                className={pageLinkClass}
                rel="next"
                data-testid="mailboxes-next"
              >
                {t("mailboxes.pagination.next")}
              </Link>
              <Link
                href={`${base}${mailboxListQueryString(query, { at: "last" })}`}
                className={pageLinkClass}
                data-testid="mailboxes-last"
              >
                {t("mailboxes.pagination.last")}
              </Link>
            </>
          )}
        </nav>
      )}
    </div>
  );
}

export default withMessages(["mailboxes", "dashboard"], MailboxesPage);
