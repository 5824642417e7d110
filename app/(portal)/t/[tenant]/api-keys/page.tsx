import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { stackedTable as stacked } from "@/components/ui/classes";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { listSendableMailboxes } from "@/lib/outbox/list-sendable-mailboxes";
import { withMessages } from "@/components/i18n/with-messages";

async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "apiKeys.write", `/t/${tenant}/api-keys`);
  const [t, dates, keys, mailboxes] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listApiKeys(ctx),
    listSendableMailboxes(ctx),
  ]);
  // On a phone each key is a card: its name and state first, the rest under their column's name.
  const td = `px-3 py-2 ${stacked.cell}`;
  const labelled = `${td} ${stacked.labelled}`;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("outbox.apiKeys.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("outbox.apiKeys.intro")}</p>
        <a href="/api/v1/openapi.json" className="text-sm text-brand-700 underline">
          {t("outbox.apiKeys.docs")}
        </a>
      </header>
      <CreateApiKeyForm tenant={ctx.tenantSlug} mailboxes={mailboxes} />
      {keys.length === 0 ? (
        <p className="text-slate-600">{t("outbox.apiKeys.empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
          <table className={`w-full text-left text-sm ${stacked.table}`} data-testid="api-keys-table">
            <thead className={`bg-slate-50 text-slate-600 ${stacked.head}`}>
              <tr>
                <th className="px-3 py-2">{t("outbox.apiKeys.columns.name")}</th>
                <th className="px-3 py-2">{t("outbox.apiKeys.columns.prefix")}</th>
                <th className="px-3 py-2">{t("outbox.apiKeys.columns.mailboxes")}</th>
                <th className="px-3 py-2">{t("outbox.apiKeys.columns.webhooks")}</th>
                <th className="px-3 py-2">{t("outbox.apiKeys.columns.lastUsed")}</th>
                <th className="px-3 py-2">{t("outbox.apiKeys.columns.state")}</th>
                <th className="px-3 py-2">
                  <span className="sr-only">{t("outbox.apiKeys.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody className={stacked.body}>
              {keys.map((key) => (
                <tr
                  key={key.id}
                  className={`border-t border-slate-100 max-sm:first:border-t-0 ${stacked.row}`}
                  data-testid="api-key-row"
                >
                  <td className={`${td} ${stacked.first} min-w-40 font-medium break-words sm:font-normal`}>
                    {key.name}
                  </td>
                  <td
                    className={`${labelled} font-mono whitespace-nowrap`}
                    data-label={t("outbox.apiKeys.columns.prefix")}
                  >
                    relais_{key.prefix}_…
                  </td>
                  <td
                    className={`${labelled} max-sm:break-all`}
                    data-label={t("outbox.apiKeys.columns.mailboxes")}
                  >
                    {key.mailboxes.length > 0 ? key.mailboxes.join(", ") : t("outbox.apiKeys.noMailboxes")}
                  </td>
                  <td
                    className={labelled}
                    data-label={t("outbox.apiKeys.columns.webhooks")}
                    data-testid="api-key-webhooks"
                  >
                    {key.manageWebhooks
                      ? t("outbox.apiKeys.managesWebhooks")
                      : t("outbox.apiKeys.noWebhooks")}
                  </td>
                  <td className={labelled} data-label={t("outbox.apiKeys.columns.lastUsed")}>
                    {key.lastUsedAt ? formatMoment(dates, key.lastUsedAt) : t("outbox.apiKeys.never")}
                  </td>
                  <td className={`${td} ${stacked.first}`}>
                    {key.revokedAt ? t("outbox.apiKeys.revoked") : t("outbox.apiKeys.active")}
                  </td>
                  <td className={td}>
                    {!key.revokedAt && (
                      <RevokeApiKeyButton tenant={ctx.tenantSlug} id={key.id} name={key.name} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export default withMessages(["outbox"], ApiKeysPage);
