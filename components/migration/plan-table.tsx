"use client";

import Link from "next/link";
import { useLocale, useT } from "@/components/i18n-provider";
import type { PlanRowView } from "@/lib/migration/plan-row-view";
import { SenderStatusBadge } from "./sender-status-badge";

const th = "px-2 py-2 font-medium first:pl-3 last:pr-3";
const td = "px-2 py-2 align-top first:pl-3 last:pr-3";

/** One row per sender: what the report says, what Relais proposes, where it stands, its credential. */
export function PlanTable({
  tenant,
  rows,
  selected,
  onToggle,
  onToggleAll,
  disabled,
}: {
  tenant: string;
  rows: PlanRowView[];
  selected: ReadonlySet<string>;
  onToggle: (address: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  disabled: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const share = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.address));
  return (
    // Focusable so that the keyboard can scroll it sideways on a narrow screen.
    <div
      role="region"
      aria-labelledby="migration-plan-caption"
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      <table className="w-full min-w-[64rem] text-left text-sm" data-testid="migration-plan">
        <caption id="migration-plan-caption" className="sr-only">
          {t("migration.plan.caption")}
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className={`${th} w-10`}>
              <input
                type="checkbox"
                aria-label={t("migration.plan.selectAll")}
                checked={allSelected}
                disabled={disabled}
                onChange={(event) => onToggleAll(event.target.checked)}
                data-testid="migration-select-all"
              />
            </th>
            <th scope="col" className={th}>
              {t("migration.plan.columns.address")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("migration.plan.columns.messages")}
            </th>
            <th scope="col" className={th}>
              {t("migration.plan.columns.auth")}
            </th>
            <th scope="col" className={th}>
              {t("migration.plan.columns.tls")}
            </th>
            <th scope="col" className={th}>
              {t("migration.plan.columns.listener")}
            </th>
            <th scope="col" className={th}>
              {t("migration.plan.columns.proposal")}
            </th>
            <th scope="col" className={th}>
              {t("migration.plan.columns.status")}
            </th>
            <th scope="col" className={th}>
              {t("migration.plan.columns.credential")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const shares = (
              [
                ["1.0", row.tls10Percent],
                ["1.1", row.tls11Percent],
                ["1.2", row.tls12Percent],
              ] as const
            ).filter(([, value]) => value > 0);
            return (
              <tr
                key={row.address}
                className="border-b border-slate-100 last:border-0"
                data-testid={`migration-row-${row.address}`}
                data-status={row.status}
                data-proposal={row.proposal}
                data-listener={row.listener}
              >
                <td className={td}>
                  <input
                    type="checkbox"
                    aria-label={t("migration.plan.select", { address: row.address })}
                    checked={selected.has(row.address)}
                    disabled={disabled}
                    onChange={(event) => onToggle(row.address, event.target.checked)}
                    data-testid={`migration-select-${row.address}`}
                  />
                </td>
                <td className={`${td} min-w-[11rem]`}>
                  <span className="font-medium [overflow-wrap:anywhere]">{row.address}</span>
                  {!row.inLatestImport && (
                    <span className="block text-xs text-slate-600">{t("migration.plan.notInLatest")}</span>
                  )}
                </td>
                <td className={`${td} text-right tabular-nums`}>{row.messages.toLocaleString(locale)}</td>
                <td className={td}>{t(`migration.auth.${row.auth}`)}</td>
                <td className={`${td} whitespace-nowrap`}>
                  {shares.length === 0 ? (
                    t("migration.plan.noTls")
                  ) : (
                    <ul>
                      {shares.map(([version, value]) => (
                        <li key={version}>
                          {t("migration.plan.tlsShare", { version, share: share.format(value / 100) })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className={`${td} min-w-[9rem]`}>
                  {row.listener === "legacy" ? (
                    <span className="inline-flex items-start gap-1 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                      <span aria-hidden="true">⚠</span>
                      {t("migration.listener.legacy")}
                    </span>
                  ) : (
                    t(`migration.listener.${row.listener}`)
                  )}
                </td>
                <td className={`${td} min-w-[11rem]`}>
                  {row.status === "oauth"
                    ? t("migration.status.oauth")
                    : t(`migration.proposal.${row.proposal}`)}
                </td>
                <td className={td}>
                  <SenderStatusBadge
                    status={row.status}
                    label={t(`migration.statusShort.${row.status}`)}
                    testId="migration-status"
                  />
                </td>
                <td className={td} data-testid="migration-credential">
                  {row.credential ? (
                    <>
                      <Link
                        href={`/t/${tenant}/relay/${row.credential.id}`}
                        className="font-mono whitespace-nowrap text-brand-700 underline"
                      >
                        {row.credential.username}
                      </Link>
                      {row.credential.revoked && (
                        <span className="block text-xs font-medium text-red-800">
                          {t("migration.plan.revoked")}
                        </span>
                      )}
                      <span className="block text-xs text-slate-600">
                        {row.credential.firstUsed
                          ? t("migration.plan.firstUsed", { date: row.credential.firstUsed })
                          : t("migration.plan.neverUsed")}
                      </span>
                      {row.credential.lastUsed && (
                        <span className="block text-xs text-slate-600">
                          {t("migration.plan.lastUsed", { date: row.credential.lastUsed })}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="text-slate-600">{t("migration.plan.noCredential")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
