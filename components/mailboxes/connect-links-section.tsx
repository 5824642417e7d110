"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useDates, useT } from "@/components/i18n-provider";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { stackedTable as stacked } from "@/components/ui/classes";
import { createConnectLinksAction, revokeConnectLinkAction } from "@/lib/connect-links/connect-link-actions";
import type { ConnectLinkState } from "@/lib/connect-links/connect-link-state";
import { ExpirySelect } from "./expiry-select";

export interface ConnectLinkRowData {
  id: string;
  /** Already formatted. */
  created: string;
  expires: string;
  createdBy: string | null;
  sentTo: string | null;
  state: ConnectLinkState;
}

const stateColours: Record<ConnectLinkState, string> = {
  valid: "bg-green-100 text-green-900",
  used: "bg-slate-100 text-slate-800",
  expired: "bg-amber-100 text-amber-900",
  revoked: "bg-slate-200 text-slate-700",
  unknown: "bg-slate-200 text-slate-700",
};

/** One mailbox's connect links: send a new one, see the earlier ones, revoke an open one. */
export function ConnectLinksSection({
  tenant,
  mailboxId,
  links,
}: {
  tenant: string;
  mailboxId: string;
  links: ConnectLinkRowData[];
}) {
  const t = useT();
  const dates = useDates();
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const create = useFormAction(createConnectLinksAction, (result) => {
    if (!result.ok)
      return setNotice({ kind: "error", text: result.fieldErrors?.expiresInDays ?? result.message });
    const date = formatMoment(dates, new Date(result.data.expiresAt));
    setNotice(
      result.data.notMailed.length > 0
        ? {
            kind: "error",
            text: t("mailboxes.connectLinks.notMailed", { addresses: result.data.notMailed.join(", ") }),
          }
        : { kind: "success", text: t("mailboxes.connectLinks.sent", { count: result.data.sent, date }) },
    );
    router.refresh();
  });
  // On a phone each link is a card: to whom it went and its state first, the rest under their column's name.
  const th = "px-3 py-2 font-medium";
  const td = `px-3 py-2 align-top ${stacked.cell}`;
  const labelled = `${td} ${stacked.labelled}`;
  return (
    <div className="space-y-3">
      <form onSubmit={create.onSubmit} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="tenant" value={tenant} />
        <input type="hidden" name="ids" value={mailboxId} />
        <ExpirySelect />
        <button
          type="submit"
          disabled={create.pending}
          data-testid="create-connect-link"
          className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {t("mailboxes.connectLinks.create")}
        </button>
      </form>
      <ActionNotice testId="connect-links-result" notice={notice} />
      {links.length === 0 ? (
        <p className="text-sm text-slate-600">{t("mailboxes.connectLinks.empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded border border-slate-200">
          <table data-testid="connect-links-table" className={`w-full text-left text-sm ${stacked.table}`}>
            <caption className="sr-only">{t("mailboxes.connectLinks.listTitle")}</caption>
            <thead className={`border-b border-slate-200 bg-slate-50 text-slate-600 ${stacked.head}`}>
              <tr>
                <th scope="col" className={th}>
                  {t("mailboxes.connectLinks.columns.created")}
                </th>
                <th scope="col" className={th}>
                  {t("mailboxes.connectLinks.columns.createdBy")}
                </th>
                <th scope="col" className={th}>
                  {t("mailboxes.connectLinks.columns.sentTo")}
                </th>
                <th scope="col" className={th}>
                  {t("mailboxes.connectLinks.columns.expires")}
                </th>
                <th scope="col" className={th}>
                  {t("mailboxes.connectLinks.columns.state")}
                </th>
                <th scope="col" className={th}>
                  {t("common.actions")}
                </th>
              </tr>
            </thead>
            <tbody className={stacked.body}>
              {links.map((link) => (
                <tr
                  key={link.id}
                  data-testid="connect-link-row"
                  className={`border-b border-slate-100 last:border-0 ${stacked.row}`}
                >
                  <td className={labelled} data-label={t("mailboxes.connectLinks.columns.created")}>
                    {link.created}
                  </td>
                  <td
                    className={`${labelled} break-all`}
                    data-label={t("mailboxes.connectLinks.columns.createdBy")}
                  >
                    {link.createdBy ?? "—"}
                  </td>
                  <td
                    className={`${td} ${stacked.first} ${stacked.labelled} break-all`}
                    data-label={t("mailboxes.connectLinks.columns.sentTo")}
                  >
                    {link.sentTo ?? t("mailboxes.connectLinks.notSent")}
                  </td>
                  <td className={labelled} data-label={t("mailboxes.connectLinks.columns.expires")}>
                    {link.expires}
                  </td>
                  <td className={`${td} ${stacked.first}`}>
                    <span
                      data-testid="connect-link-state"
                      data-state={link.state}
                      className={`rounded px-2 py-0.5 text-xs font-medium ${stateColours[link.state]}`}
                    >
                      {t(`mailboxes.connectLinks.states.${link.state}`)}
                    </span>
                  </td>
                  <td className={td}>
                    {link.state === "valid" && (
                      <RevokeButton tenant={tenant} linkId={link.id} onNotice={setNotice} />
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

function RevokeButton({
  tenant,
  linkId,
  onNotice,
}: {
  tenant: string;
  linkId: string;
  onNotice: (notice: Notice) => void;
}) {
  const t = useT();
  const router = useRouter();
  const revoke = useFormAction(revokeConnectLinkAction, (result) => {
    onNotice(
      result.ok
        ? { kind: "success", text: t("mailboxes.connectLinks.revoked", { address: result.data.address }) }
        : { kind: "error", text: result.message },
    );
    router.refresh();
  });
  return (
    <form onSubmit={revoke.onSubmit}>
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={linkId} />
      <button
        type="submit"
        disabled={revoke.pending}
        data-testid="connect-link-revoke"
        className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-60"
      >
        {t("mailboxes.connectLinks.revoke")}
      </button>
    </form>
  );
}
