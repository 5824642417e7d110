import Link from "next/link";
import { MailActionButton } from "@/components/outbox/mail-action-button";
import { MailStatusBadge } from "@/components/outbox/mail-status-badge";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { isMessageKey } from "@/lib/i18n/translate";
import { listOutgoingMail } from "@/lib/outbox/list-outgoing-mail";
import { listSendableMailboxes } from "@/lib/outbox/list-sendable-mailboxes";
import {
  outboxListQueryString,
  outgoingStatuses,
  parseOutboxListQuery,
} from "@/lib/outbox/outbox-list-query";
import { fieldClass, pageLinkClass, stackedTable as stacked } from "@/components/ui/classes";
import { FilterSelect } from "@/components/ui/filter-select";
import { PhoneDisclosure } from "@/components/ui/phone-disclosure";
import { listRelayCredentials } from "@/lib/relay-credentials/list-relay-credentials";
import { withMessages } from "@/components/i18n/with-messages";

async function OutboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "outbox.read", `/t/${tenant}/outbox`);
  const query = parseOutboxListQuery(await searchParams);
  const canManageRelay = can(ctx, "relay.write");
  const [t, dates, list, mailboxes, credentials] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listOutgoingMail(ctx, query),
    listSendableMailboxes(ctx),
    canManageRelay ? listRelayCredentials(ctx) : [],
  ]);
  // Admins filter by relay credential; members see which device sent their mail, without the filter.
  const showCredentialFilter = canManageRelay && (credentials.length > 0 || Boolean(query.credentialId));
  const sourceLabel = (source: string) => {
    const key = `outbox.sources.${source}`;
    return isMessageKey(key) ? t(key) : source;
  };
  const base = `/t/${ctx.tenantSlug}/outbox`;
  const canWrite = can(ctx, "outbox.write");
  // On a phone each mail is a card: its subject and status first, the rest under their column's name.
  const td = `px-3 py-2 ${stacked.cell}`;
  const labelled = `${td} ${stacked.labelled}`;
  const filtersInUse = [query.search, query.status, query.mailboxId, query.credentialId].filter(
    Boolean,
  ).length;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("outbox.title")}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">{t("outbox.intro")}</p>
        </div>
        {canWrite && (
          <Link
            href={`/t/${ctx.tenantSlug}/compose`}
            data-testid="outbox-compose"
            className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            {t("outbox.composeButton")}
          </Link>
        )}
      </header>

      <ul className="flex flex-wrap gap-2 text-sm" data-testid="outbox-counts">
        {outgoingStatuses.map((status) => (
          <li key={status}>
            <Link
              href={`${base}${outboxListQueryString({ ...query, status, page: 1 })}`}
              className="rounded border border-slate-200 bg-white px-3 py-1 hover:bg-slate-100"
              data-testid={`outbox-count-${status}`}
            >
              {t("outbox.countLabel", { status: t(`outbox.statuses.${status}`) })}{" "}
              <strong>{list.counts[status]}</strong>
            </Link>
          </li>
        ))}
      </ul>

      <PhoneDisclosure
        label={filtersInUse ? t("common.filters.active", { count: filtersInUse }) : t("common.filters.show")}
        testId="outbox-filters-toggle"
      >
        <form
          method="get"
          action={base}
          role="search"
          className="rounded border border-slate-200 bg-white p-3"
        >
          <fieldset
            className={`grid gap-3 sm:items-end ${
              showCredentialFilter
                ? "sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]"
                : "sm:grid-cols-[2fr_1fr_1fr_auto]"
            }`}
          >
            <legend className="sr-only">{t("outbox.filters.legend")}</legend>
            <label className="text-sm">
              {t("outbox.filters.search")}
              <input
                type="search"
                name="q"
                defaultValue={query.search}
                maxLength={200}
                className={fieldClass}
              />
            </label>
            <FilterSelect
              label={t("outbox.filters.status")}
              name="status"
              value={query.status}
              anyLabel={t("outbox.filters.anyStatus")}
              options={outgoingStatuses.map((status) => ({
                value: status,
                label: t(`outbox.statuses.${status}`),
              }))}
            />
            <FilterSelect
              label={t("outbox.filters.mailbox")}
              name="mailbox"
              value={query.mailboxId}
              anyLabel={t("outbox.filters.anyMailbox")}
              options={mailboxes.map((m) => ({ value: m.id, label: m.address }))}
            />
            {showCredentialFilter && (
              <FilterSelect
                label={t("outbox.filters.credential")}
                name="credential"
                value={query.credentialId}
                anyLabel={t("outbox.filters.anyCredential")}
                testId="outbox-filter-credential"
                options={credentials.map((c) => ({
                  value: c.id,
                  label: c.revokedAt ? `${c.name} (${t("relay.list.revoked")})` : c.name,
                }))}
              />
            )}
            <div className="flex items-center gap-3">
              <button
                type="submit"
                className="rounded bg-brand-600 px-4 py-1 text-sm font-medium text-white hover:bg-brand-700"
              >
                {t("outbox.filters.apply")}
              </button>
              <Link href={base} className="text-sm text-brand-700 underline">
                {t("outbox.filters.reset")}
              </Link>
            </div>
          </fieldset>
        </form>
      </PhoneDisclosure>

      {list.mails.length === 0 ? (
        <p className="text-slate-600" data-testid="outbox-empty">
          {filtersInUse || query.page > 1 ? t("outbox.empty") : t("outbox.none")}
        </p>
      ) : (
        <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
          {/* relative: the header's visually hidden text stays inside this box. */}
          <table className={`w-full text-left text-sm ${stacked.table}`} data-testid="outbox-table">
            <thead className={`bg-slate-50 text-slate-600 ${stacked.head}`}>
              <tr>
                <th className="px-3 py-2">{t("outbox.columns.created")}</th>
                <th className="px-3 py-2">{t("outbox.columns.from")}</th>
                <th className="px-3 py-2">{t("outbox.columns.to")}</th>
                <th className="px-3 py-2">{t("outbox.columns.subject")}</th>
                <th className="px-3 py-2">{t("outbox.columns.status")}</th>
                <th className="px-3 py-2">{t("outbox.columns.attempts")}</th>
                <th className="px-3 py-2">{t("outbox.columns.source")}</th>
                <th className="px-3 py-2">
                  <span className="sr-only">{t("outbox.actions.retry")}</span>
                </th>
              </tr>
            </thead>
            <tbody className={stacked.body}>
              {list.mails.map((mail) => (
                <tr
                  key={mail.id}
                  className={`border-t border-slate-100 max-sm:first:border-t-0 ${stacked.row}`}
                  data-testid="outbox-row"
                  data-mail-id={mail.id}
                >
                  <td className={`${labelled} whitespace-nowrap`} data-label={t("outbox.columns.created")}>
                    {formatMoment(dates, mail.createdAt)}
                  </td>
                  <td className={`${labelled} max-sm:break-all`} data-label={t("outbox.columns.from")}>
                    {mail.mailbox.address}
                  </td>
                  <td className={`${labelled} max-sm:break-all`} data-label={t("outbox.columns.to")}>
                    {mail.to[0] ?? ""}
                    {mail.recipientCount > 1 && (
                      <span className="text-slate-500">
                        {" "}
                        {t("outbox.moreRecipients", { count: mail.recipientCount - 1 })}
                      </span>
                    )}
                  </td>
                  <td className={`${td} ${stacked.first} max-sm:font-medium`}>
                    <Link href={`${base}/${mail.id}`} className="break-words text-brand-700 underline">
                      {mail.bodyPurgedAt ? (
                        <span className="italic" data-testid="outbox-content-deleted">
                          {t("outbox.content.deletedTitle")}
                        </span>
                      ) : (
                        mail.subject || "—"
                      )}
                    </Link>
                  </td>
                  <td className={`${td} ${stacked.first}`}>
                    <MailStatusBadge status={mail.status} label={t(`outbox.statuses.${mail.status}`)} />
                  </td>
                  <td className={labelled} data-label={t("outbox.columns.attempts")}>
                    {mail.attempts}
                  </td>
                  <td
                    className={labelled}
                    data-label={t("outbox.columns.source")}
                    data-testid="outbox-source"
                    data-source={mail.source}
                  >
                    {sourceLabel(mail.source)}
                    {mail.relayCredential && (
                      <span className="block text-xs text-slate-600">
                        {canManageRelay ? (
                          <Link
                            href={`/t/${ctx.tenantSlug}/relay/${mail.relayCredential.id}`}
                            className="text-brand-700 underline"
                          >
                            {mail.relayCredential.name}
                          </Link>
                        ) : (
                          mail.relayCredential.name
                        )}
                        {mail.clientIp && <span className="block font-mono">{mail.clientIp}</span>}
                      </span>
                    )}
                  </td>
                  <td className={td}>
                    {canWrite && mail.status === "failed" && !mail.bodyPurgedAt && (
                      <MailActionButton tenant={ctx.tenantSlug} id={mail.id} kind="retry" />
                    )}
                    {canWrite && (mail.status === "queued" || mail.status === "held") && (
                      <MailActionButton tenant={ctx.tenantSlug} id={mail.id} kind="cancel" />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(query.page > 1 || list.hasMore) && (
        <nav aria-label={t("outbox.pagination.label")} className="flex items-center gap-2 text-sm">
          {query.page > 1 && (
            <Link
              href={`${base}${outboxListQueryString({ ...query, page: query.page - 1 })}`}
              className={pageLinkClass}
            >
              {t("outbox.pagination.newer")}
            </Link>
          )}
          {list.hasMore && (
            <Link
              href={`${base}${outboxListQueryString({ ...query, page: query.page + 1 })}`}
              className={pageLinkClass}
            >
              {t("outbox.pagination.older")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

export default withMessages(["outbox"], OutboxPage);
