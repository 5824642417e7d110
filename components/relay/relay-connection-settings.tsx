import { getTranslator } from "@/lib/i18n/server";
import type { RelayConnectionInfo } from "@/lib/relay/relay-connection-info";

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";

/** The relay's host and ports, as a technician types them into a device; the risky ones say so. */
export async function RelayConnectionSettings({ info }: { info: RelayConnectionInfo }) {
  const t = await getTranslator();
  const ports = [
    { kind: "submission", port: info.submissionPort, risk: false },
    { kind: "tls", port: info.tlsPort, risk: false },
    { kind: "plain", port: info.plainPort, risk: true },
    { kind: "legacy", port: info.legacyPort, risk: true },
  ] as const;
  const listening = ports.filter((entry) => entry.port !== null);
  return (
    <section
      aria-labelledby="relay-settings-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 print:hidden"
      data-testid="relay-settings"
    >
      <h2 id="relay-settings-heading" className="text-lg font-semibold">
        {t("relay.settings.heading")}
      </h2>
      <p className="text-sm text-slate-600">{t("relay.settings.intro")}</p>
      {listening.length === 0 ? (
        <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("relay.settings.notConfigured")}
        </p>
      ) : (
        <>
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-slate-600">{t("relay.settings.server")}</dt>
            <dd className="font-mono break-all" data-testid="relay-host">
              {info.host}
            </dd>
            <dt className="text-slate-600">{t("relay.settings.authentication")}</dt>
            <dd>{t("relay.settings.authenticationValue")}</dd>
          </dl>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("relay.settings.caption")}</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className={th}>
                    {t("relay.settings.columns.port")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.settings.columns.security")}
                  </th>
                  <th scope="col" className={th}>
                    {t("relay.settings.columns.note")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {listening.map((entry) => (
                  <tr
                    key={entry.kind}
                    className={`border-t border-slate-100 ${entry.risk ? "bg-amber-50" : ""}`}
                    data-testid={`relay-port-${entry.kind}`}
                  >
                    <td className={`${td} font-mono`}>{entry.port}</td>
                    <td className={`${td} whitespace-nowrap`}>
                      {t(`relay.settings.${entry.kind}.security`)}
                      {/* Protocol names, the same in every language. */}
                      {entry.kind === "legacy" && info.legacyMode && (
                        <span className="block text-xs">
                          {info.legacyMode === "tls" ? "SSL/TLS" : "STARTTLS"}
                        </span>
                      )}
                    </td>
                    <td className={`${td} ${entry.risk ? "text-amber-900" : ""}`}>
                      {t(`relay.settings.${entry.kind}.note`, { hosts: info.plainHosts.join(", ") })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
