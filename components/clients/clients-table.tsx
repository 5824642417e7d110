"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useT } from "@/components/i18n-provider";
import { stackedTable as stacked } from "@/components/ui/classes";
import type { Notice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import {
  deleteClientConfigurationAction,
  duplicateClientConfigurationAction,
  testClientConfigurationAction,
} from "@/lib/clients/client-actions";
import type { MessageKey } from "@/lib/i18n/catalog";
import type { ProviderKind } from "@/lib/oauth/presets";
import { TestOutcomeMessage } from "./test-outcome-message";

export interface ClientRowData {
  id: string;
  name: string;
  provider: ProviderKind;
  clientId: string;
  flowLabel: string;
  /** How its mailboxes send, in words. */
  transportLabel: string;
  mailboxCount: number;
  warnings: MessageKey[];
  broken: boolean;
  /** The client secret expires within 30 days, or has expired; null otherwise. */
  secretExpiry: { expired: boolean; daysLeft: number } | null;
  /** Already formatted, with the stored outcome code. */
  lastTest: { when: string; outcome: string } | null;
}

const buttonClass =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";

export function ClientsTable({
  tenant,
  rows,
  canWrite,
}: {
  tenant: string;
  rows: ClientRowData[];
  canWrite: boolean;
}) {
  const t = useT();
  const [notice, setNotice] = useState<ReactNode>(null);
  const [noticeKind, setNoticeKind] = useState<Notice["kind"]>("success");
  const show = (kind: Notice["kind"], body: ReactNode) => {
    setNoticeKind(kind);
    setNotice(body);
  };
  const th = "px-3 py-2 font-medium";
  return (
    <div className="space-y-3">
      {notice !== null && (
        <div
          role={noticeKind === "error" ? "alert" : "status"}
          data-testid="clients-result"
          className={
            noticeKind === "error"
              ? "rounded bg-red-50 px-3 py-2 text-sm text-red-800"
              : "rounded bg-green-50 px-3 py-2 text-sm text-green-800"
          }
        >
          {notice}
        </div>
      )}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table data-testid="clients-table" className={`w-full text-left text-sm ${stacked.table}`}>
          <thead className={`border-b border-slate-200 bg-slate-50 text-slate-600 ${stacked.head}`}>
            <tr>
              <th scope="col" className={th}>
                {t("clients.list.name")}
              </th>
              <th scope="col" className={th}>
                {t("clients.list.provider")}
              </th>
              <th scope="col" className={th}>
                {t("clients.list.clientId")}
              </th>
              <th scope="col" className={th}>
                {t("clients.list.flow")}
              </th>
              <th scope="col" className={th}>
                {t("clients.list.mailboxes")}
              </th>
              <th scope="col" className={th}>
                {t("clients.list.warnings")}
              </th>
              <th scope="col" className={th}>
                {t("clients.list.lastTest")}
              </th>
              <th scope="col" className={th}>
                {t("common.actions")}
              </th>
            </tr>
          </thead>
          <tbody className={stacked.body}>
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-4 text-slate-600">
                  {t("clients.empty")}
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <ClientRow key={row.id} tenant={tenant} row={row} canWrite={canWrite} onNotice={show} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ClientRow({
  tenant,
  row,
  canWrite,
  onNotice,
}: {
  tenant: string;
  row: ClientRowData;
  canWrite: boolean;
  onNotice: (kind: Notice["kind"], body: ReactNode) => void;
}) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const refreshAnd = (kind: Notice["kind"], body: ReactNode) => {
    onNotice(kind, body);
    router.refresh();
  };
  const duplicate = useFormAction(duplicateClientConfigurationAction, (result) =>
    result.ok
      ? refreshAnd("success", t("clients.list.duplicated", { name: result.data.name }))
      : onNotice("error", result.message),
  );
  const removal = useFormAction(deleteClientConfigurationAction, (result) => {
    setConfirming(false);
    if (result.ok) refreshAnd("success", t("clients.list.deleted", { name: result.data.name }));
    else onNotice("error", result.message);
  });
  const test = useFormAction(testClientConfigurationAction, (result) =>
    result.ok
      ? refreshAnd(result.data.success ? "success" : "error", <TestOutcomeMessage result={result.data} />)
      : onNotice("error", result.message),
  );
  const hidden = (
    <>
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={row.id} />
    </>
  );
  // On a phone each configuration is a card: its name first, the rest under their column's name.
  const td = `px-3 py-2 align-top ${stacked.cell}`;
  const labelled = `${td} ${stacked.labelled}`;
  return (
    <tr
      data-testid={`client-row-${row.name}`}
      className={`border-b border-slate-100 last:border-0 ${stacked.row}`}
    >
      <td className={`${td} break-words`}>
        <Link href={`/t/${tenant}/clients/${row.id}`} className="font-medium text-brand-700 hover:underline">
          {row.name}
        </Link>
        {row.broken && (
          <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">
            {t("clients.list.broken")}
          </span>
        )}
        {row.secretExpiry && (
          <span
            data-testid="client-row-secret-expiry"
            className={`ml-2 rounded px-2 py-0.5 text-xs ${
              row.secretExpiry.expired || row.secretExpiry.daysLeft === 0
                ? "bg-red-100 text-red-800"
                : "bg-amber-100 text-amber-900"
            }`}
          >
            {row.secretExpiry.expired
              ? t("clients.list.secretExpired")
              : row.secretExpiry.daysLeft === 0
                ? t("clients.list.secretExpiresToday")
                : t("clients.list.secretExpiresIn", { days: row.secretExpiry.daysLeft })}
          </span>
        )}
      </td>
      <td className={labelled} data-label={t("clients.list.provider")}>
        {t(`clients.providers.${row.provider}`)}
        <span className="block text-xs text-slate-600" data-testid="client-row-transport">
          {row.transportLabel}
        </span>
      </td>
      <td
        className={`${labelled} max-w-48 truncate font-mono text-xs max-sm:max-w-none`}
        data-label={t("clients.list.clientId")}
        title={row.clientId}
      >
        {row.provider === "platform_microsoft" ? t("clients.list.platformClientId") : row.clientId}
      </td>
      <td className={labelled} data-label={t("clients.list.flow")}>
        {row.flowLabel}
      </td>
      <td className={labelled} data-label={t("clients.list.mailboxes")}>
        {row.mailboxCount}
      </td>
      <td className={labelled} data-label={t("clients.list.warnings")}>
        {row.warnings.length > 0 ? (
          <span
            data-testid="client-row-warnings"
            title={row.warnings.map((key) => t(key)).join("\n")}
            className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900"
          >
            {t("clients.list.warningsBadge", { count: row.warnings.length })}
          </span>
        ) : (
          <span className="text-slate-500">{t("clients.list.noWarnings")}</span>
        )}
      </td>
      <td className={labelled} data-label={t("clients.list.lastTest")}>
        {row.lastTest ? (
          <span className={row.lastTest.outcome === "ok" ? "text-green-800" : "text-red-800"}>
            {row.lastTest.outcome === "ok" ? t("clients.test.passed") : t("clients.test.failed")} ·{" "}
            {row.lastTest.when}
          </span>
        ) : (
          <span className="text-slate-500">{t("clients.list.neverTested")}</span>
        )}
      </td>
      <td className={td}>
        {confirming ? (
          <form onSubmit={removal.onSubmit} className="flex flex-wrap items-center gap-2">
            {hidden}
            <span>{t("clients.list.deleteConfirm", { name: row.name })}</span>
            <button
              type="submit"
              data-testid="client-delete-confirm"
              disabled={removal.pending}
              className="rounded bg-red-700 px-2 py-1 text-sm text-white hover:bg-red-800 disabled:opacity-60"
            >
              {t("clients.list.deleteConfirmButton")}
            </button>
            <button type="button" className={buttonClass} onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </button>
          </form>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Link href={`/t/${tenant}/clients/${row.id}`} className={buttonClass} data-testid="client-edit">
              {t("clients.list.edit")}
            </Link>
            {canWrite && (
              <>
                <form onSubmit={duplicate.onSubmit}>
                  {hidden}
                  <button
                    type="submit"
                    disabled={duplicate.pending}
                    className={buttonClass}
                    data-testid="client-duplicate"
                  >
                    {t("clients.list.duplicate")}
                  </button>
                </form>
                <form onSubmit={test.onSubmit}>
                  {hidden}
                  <button
                    type="submit"
                    disabled={test.pending}
                    className={buttonClass}
                    data-testid="client-row-test"
                  >
                    {test.pending ? t("clients.test.running") : t("clients.list.test")}
                  </button>
                </form>
                <button
                  type="button"
                  className={buttonClass}
                  data-testid="client-delete"
                  onClick={() => setConfirming(true)}
                >
                  {t("clients.list.delete")}
                </button>
              </>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
