import Link from "next/link";
import { CreateRelayCredentialForm } from "@/components/relay/create-relay-credential-form";
import { RelayConnectionSettings } from "@/components/relay/relay-connection-settings";
import { RevokeRelayCredentialButton } from "@/components/relay/revoke-relay-credential-button";
import { stackedTable as stacked } from "@/components/ui/classes";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { listSendableMailboxes } from "@/lib/outbox/list-sendable-mailboxes";
import { relayConnectionInfo } from "@/lib/relay/relay-settings";
import { listRelayCredentials } from "@/lib/relay-credentials/list-relay-credentials";
import { withMessages } from "@/components/i18n/with-messages";

// On a phone each credential is a card: its name and state first, the rest under their column's name.
const th = "px-3 py-2 font-medium";
const td = `px-3 py-2 align-top ${stacked.cell}`;
const labelled = `${td} ${stacked.labelled}`;

async function RelayPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "relay.write", `/t/${tenant}/relay`);
  const [t, dates, credentials, mailboxes] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listRelayCredentials(ctx),
    listSendableMailboxes(ctx),
  ]);
  const info = relayConnectionInfo();
  const base = `/t/${ctx.tenantSlug}/relay`;
  return (
    <div className="space-y-6">
      <header className="print:hidden">
        <h1 className="text-2xl font-semibold">{t("relay.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("relay.intro")}</p>
      </header>

      <RelayConnectionSettings info={info} />

      <CreateRelayCredentialForm
        tenant={ctx.tenantSlug}
        mailboxes={mailboxes.map(({ id, address }) => ({ id, address }))}
        info={info}
      />

      <section aria-labelledby="relay-list-heading" className="space-y-3 print:hidden">
        <h2 id="relay-list-heading" className="text-lg font-semibold">
          {t("relay.list.heading")}
        </h2>
        {credentials.length === 0 ? (
          <p className="text-slate-600" data-testid="relay-empty">
            {t("relay.list.empty")}
          </p>
        ) : (
          <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
            {/* relative: the header's visually hidden text stays inside this scrolling box on a phone. */}
            <table
              className={`w-full text-left text-sm ${stacked.table}`}
              data-testid="relay-credentials-table"
            >
              <caption className="sr-only">{t("relay.list.caption")}</caption>
              <thead className={`bg-slate-50 text-slate-600 ${stacked.head}`}>
                <tr>
                  <th scope="col" className={th}>
                    {t("relay.list.columns.name")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.list.columns.username")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.list.columns.mailboxes")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.list.columns.lastUsed")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.list.columns.state")}
                  </th>
                  <th scope="col" className={th}>
                    <span className="sr-only">{t("common.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className={stacked.body}>
                {credentials.map((credential) => (
                  <tr
                    key={credential.id}
                    className={`border-t border-slate-100 max-sm:first:border-t-0 ${stacked.row}`}
                    data-testid="relay-row"
                    data-credential-id={credential.id}
                  >
                    <td className={`${td} ${stacked.first} min-w-40 max-sm:min-w-0`}>
                      <Link
                        href={`${base}/${credential.id}`}
                        className="break-words text-brand-700 underline"
                      >
                        {credential.name}
                      </Link>
                    </td>
                    <td
                      className={`${labelled} font-mono whitespace-nowrap`}
                      data-label={t("relay.list.columns.username")}
                    >
                      {credential.username}
                    </td>
                    <td
                      className={`${labelled} min-w-56 wrap-anywhere max-sm:min-w-0`}
                      data-label={t("relay.list.columns.mailboxes")}
                    >
                      {credential.mailboxes.map((m) => m.address).join(", ")}
                    </td>
                    <td
                      className={`${labelled} min-w-40 max-sm:min-w-0`}
                      data-label={t("relay.list.columns.lastUsed")}
                    >
                      {credential.lastUsedAt
                        ? credential.lastUsedIp
                          ? t("relay.list.lastUsedFrom", {
                              date: formatMoment(dates, credential.lastUsedAt),
                              ip: credential.lastUsedIp,
                            })
                          : formatMoment(dates, credential.lastUsedAt)
                        : t("common.never")}
                    </td>
                    <td
                      className={`${td} ${stacked.first}`}
                      data-testid="relay-state"
                      data-state={credential.revokedAt ? "revoked" : "active"}
                    >
                      {credential.revokedAt ? t("relay.list.revoked") : t("relay.list.active")}
                    </td>
                    <td className={td}>
                      {!credential.revokedAt && (
                        <RevokeRelayCredentialButton
                          tenant={ctx.tenantSlug}
                          id={credential.id}
                          name={credential.name}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export default withMessages(["relay"], RelayPage);
