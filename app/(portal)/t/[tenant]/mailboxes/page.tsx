import Link from "next/link";
import { MailboxesTable } from "@/components/mailboxes/mailboxes-table";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { listMailboxes } from "@/lib/mailboxes/list-mailboxes";
import { mailboxListQueryString, parseMailboxListQuery } from "@/lib/mailboxes/mailbox-list-query";
import { connectionStates } from "@/lib/mailboxes/mailbox-schemas";

const input = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1";
const pageLink = "rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100";

export default async function MailboxesPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "mailboxes.read", `/t/${tenant}/mailboxes`);
  const query = parseMailboxListQuery(await searchParams);
  const [t, list] = await Promise.all([getTranslator(), listMailboxes(ctx, query)]);
  const base = `/t/${ctx.tenantSlug}/mailboxes`;
  const canWrite = can(ctx, "mailboxes.write");
  const moment = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
  const filtered = Boolean(query.search || query.state);
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
          </div>
        )}
      </header>

      <form method="get" action={base} role="search" className="rounded border border-slate-200 bg-white p-3">
        <fieldset className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
          <legend className="sr-only">{t("mailboxes.filters.legend")}</legend>
          <label className="text-sm">
            {t("mailboxes.filters.search")}
            <input
              type="search"
              name="q"
              defaultValue={query.search ?? ""}
              maxLength={200}
              className={input}
              data-testid="mailbox-search"
            />
          </label>
          <label className="text-sm">
            {t("mailboxes.filters.state")}
            <select
              name="state"
              defaultValue={query.state ?? ""}
              className={input}
              data-testid="mailbox-state-filter"
            >
              <option value="">{t("mailboxes.filters.anyState")}</option>
              {connectionStates.map((state) => (
                <option key={state} value={state}>
                  {t(`mailboxes.states.${state}.label`)}
                </option>
              ))}
            </select>
          </label>
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

      {list.mailboxes.length === 0 ? (
        <p className="text-slate-600" data-testid="mailboxes-empty">
          {filtered ? t("mailboxes.emptyFiltered") : t("mailboxes.empty")}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("mailboxes.table.total", { count: list.total })}</p>
          <MailboxesTable
            tenant={ctx.tenantSlug}
            canWrite={canWrite}
            rows={list.mailboxes.map((m) => ({
              id: m.id,
              address: m.address,
              displayName: m.displayName,
              configurationName: m.configuration.name,
              state: m.state,
              members: m.members.map((member) => member.email),
              expires: m.refreshTokenExpiresAt ? moment.format(m.refreshTokenExpiresAt) : null,
              linkOpenUntil: m.openConnectLinkExpiresAt ? moment.format(m.openConnectLinkExpiresAt) : null,
            }))}
          />
        </>
      )}

      {list.pageCount > 1 && (
        <nav aria-label={t("mailboxes.pagination.label")} className="flex items-center gap-2 text-sm">
          {list.page > 1 && (
            <Link href={`${base}${mailboxListQueryString(query, list.page - 1)}`} className={pageLink}>
              {t("mailboxes.pagination.previous")}
            </Link>
          )}
          <span className="text-slate-600">
            {t("mailboxes.pagination.page", { page: list.page, pages: list.pageCount })}
          </span>
          {list.page < list.pageCount && (
            <Link href={`${base}${mailboxListQueryString(query, list.page + 1)}`} className={pageLink}>
              {t("mailboxes.pagination.next")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
