"use client";

import type { ReactNode } from "react";
import { useT } from "@/components/i18n-provider";
import { sheetConnection } from "@/lib/migration/sheet-connection";
import type { RelayConnectionInfo } from "@/lib/relay/relay-connection-info";
import type { ListenerNeed } from "@/lib/migration/sender-status";

/**
 * One device's settings on one printed page: server, port and security for
 * the TLS it can do, the credential's user name and its password (shown this
 * once), and the From address to use, which is the sender's own.
 */
export function DeviceSheet({
  address,
  listener,
  username,
  password,
  info,
}: {
  address: string;
  listener: ListenerNeed;
  username: string;
  password: string;
  info: RelayConnectionInfo;
}) {
  const t = useT();
  const connection = sheetConnection(listener, info);
  const rows: { label: string; value: ReactNode; testId?: string }[] = [
    {
      label: t("migration.sheet.server"),
      // The plain listener answers only on the school-network addresses it was given.
      value: (
        <span className="font-mono">
          {listener === "plain" && info.plainHosts.length > 0 ? info.plainHosts.join(", ") : info.host}
        </span>
      ),
    },
  ];
  if (connection.configured) {
    rows.push(
      {
        label: t("migration.sheet.port"),
        value: <span className="font-mono">{connection.port}</span>,
        testId: "migration-sheet-port",
      },
      {
        label: t("migration.sheet.security"),
        value: (
          <>
            {t(connection.security)}
            {connection.tlsAlternative !== null && (
              <span className="block text-slate-600 print:text-black">
                {t("migration.sheet.tlsAlternative", { port: connection.tlsAlternative })}
              </span>
            )}
          </>
        ),
      },
    );
  }
  rows.push(
    { label: t("migration.sheet.authentication"), value: t("migration.sheet.authenticationValue") },
    {
      label: t("migration.sheet.username"),
      value: <span className="font-mono">{username}</span>,
      testId: "migration-sheet-username",
    },
    {
      label: t("migration.sheet.password"),
      value: <span className="font-mono select-all">{password}</span>,
      testId: "migration-sheet-password",
    },
    {
      label: t("migration.sheet.from"),
      value: <span className="font-mono">{address}</span>,
      testId: "migration-sheet-from",
    },
  );
  return (
    <article
      aria-label={t("migration.sheet.title", { address })}
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4 break-inside-avoid print:rounded-none print:border-0 print:p-0 print:not-last:break-after-page"
      data-testid="migration-sheet"
      data-address={address}
    >
      <h4 className="text-base font-semibold break-all">{t("migration.sheet.title", { address })}</h4>
      <p className="text-sm text-slate-600 print:text-black">{t("migration.sheet.intro", { address })}</p>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)] print:grid-cols-[12rem_minmax(0,1fr)]">
        {rows.map(({ label, value, testId }) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-600 print:text-black">{label}</dt>
            <dd className="break-all" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {!connection.configured && (
        <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900 print:border print:border-black">
          {t(connection.problem)}
        </p>
      )}
      {connection.configured && connection.risk && (
        <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900 print:border print:border-black">
          {t(connection.risk)}
        </p>
      )}
    </article>
  );
}
