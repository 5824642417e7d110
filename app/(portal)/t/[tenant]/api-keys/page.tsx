import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { listSendableMailboxes } from "@/lib/outbox/list-sendable-mailboxes";

export default async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "apiKeys.write", `/t/${tenant}/api-keys`);
  const [t, keys, mailboxes] = await Promise.all([
    getTranslator(),
    listApiKeys(ctx),
    listSendableMailboxes(ctx),
  ]);
  const moment = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
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
        <table
          className="w-full rounded border border-slate-200 bg-white text-left text-sm"
          data-testid="api-keys-table"
        >
          <thead className="bg-slate-50 text-slate-600">
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
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className="border-t border-slate-100" data-testid="api-key-row">
                <td className="px-3 py-2">{key.name}</td>
                <td className="px-3 py-2 font-mono">relais_{key.prefix}_…</td>
                <td className="px-3 py-2">
                  {key.mailboxes.length > 0 ? key.mailboxes.join(", ") : t("outbox.apiKeys.noMailboxes")}
                </td>
                <td className="px-3 py-2" data-testid="api-key-webhooks">
                  {key.manageWebhooks ? t("outbox.apiKeys.managesWebhooks") : t("outbox.apiKeys.noWebhooks")}
                </td>
                <td className="px-3 py-2">
                  {key.lastUsedAt ? moment.format(key.lastUsedAt) : t("outbox.apiKeys.never")}
                </td>
                <td className="px-3 py-2">
                  {key.revokedAt ? t("outbox.apiKeys.revoked") : t("outbox.apiKeys.active")}
                </td>
                <td className="px-3 py-2">
                  {!key.revokedAt && (
                    <RevokeApiKeyButton tenant={ctx.tenantSlug} id={key.id} name={key.name} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
