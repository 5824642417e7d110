"use client";

import { useT } from "@/components/i18n-provider";
import type { CreatedRelayCredential } from "@/lib/relay-credentials/create-relay-credential";
import type { RelayConnectionInfo } from "@/lib/relay/relay-connection-info";
import { PrintButton } from "@/components/ui/print-button";

/**
 * What a technician types into the device, on one printable block: server,
 * port and security, user name, password and the From address to use.
 * Shown once, right after creation, like the password it holds.
 */
export function RelayConnectionSheet({
  credential,
  info,
}: {
  credential: CreatedRelayCredential;
  info: RelayConnectionInfo;
}) {
  const t = useT();
  const ports = [
    info.submissionPort !== null ? t("relay.sheet.portStarttls", { port: info.submissionPort }) : null,
    info.tlsPort !== null ? t("relay.sheet.portTls", { port: info.tlsPort }) : null,
    info.plainPort !== null
      ? t("relay.sheet.portPlain", { port: info.plainPort, hosts: info.plainHosts.join(", ") })
      : null,
    info.legacyPort !== null ? t("relay.sheet.portLegacy", { port: info.legacyPort }) : null,
  ].filter((port): port is string => port !== null);
  const from =
    credential.fromPolicy === "as_sent"
      ? t("relay.sheet.fromOneOf", { addresses: credential.mailboxes.join(", ") })
      : t("relay.sheet.fromFixed", { address: credential.mailboxes[0] ?? "" });
  const rows: { label: string; value: React.ReactNode; testId?: string }[] = [
    { label: t("relay.sheet.server"), value: <span className="font-mono">{info.host}</span> },
    {
      label: t("relay.sheet.port"),
      value:
        ports.length === 0 ? (
          t("relay.settings.notConfigured")
        ) : (
          <ul>
            {ports.map((port) => (
              <li key={port}>{port}</li>
            ))}
          </ul>
        ),
    },
    { label: t("relay.sheet.authentication"), value: t("relay.sheet.authenticationValue") },
    {
      label: t("relay.sheet.username"),
      value: <span className="font-mono">{credential.username}</span>,
      testId: "relay-sheet-username",
    },
    {
      label: t("relay.sheet.password"),
      value: <span className="font-mono">{credential.password}</span>,
      testId: "relay-sheet-password",
    },
    { label: t("relay.sheet.from"), value: from, testId: "relay-sheet-from" },
  ];
  return (
    <section
      aria-labelledby="relay-sheet-heading"
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4 print:border-black"
      data-testid="relay-connection-sheet"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <div>
          <h3 id="relay-sheet-heading" className="font-semibold">
            {t("relay.sheet.heading")}
          </h3>
          <p className="text-sm text-slate-600">{t("relay.sheet.intro")}</p>
        </div>
        <PrintButton label={t("relay.sheet.print")} testId="relay-print" />
      </div>
      <p className="text-base font-semibold break-words">
        {t("relay.sheet.title", { name: credential.name })}
      </p>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
        {rows.map(({ label, value, testId }) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-600 print:text-black">{label}</dt>
            <dd className="wrap-anywhere" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
