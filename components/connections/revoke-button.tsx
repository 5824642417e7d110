"use client";

import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import type { MessageKey } from "@/lib/i18n/catalog";
import type { ProviderKind } from "@/lib/oauth/presets";
import { revokeConnectionAction } from "@/lib/revocation/revocation-actions";

export type RevokeButtonProps = {
  tenant: string;
  mailbox: { id: string; address: string };
  /** Google withdraws the whole grant of that account; at Microsoft the person removes the app. */
  provider: ProviderKind;
  /** Mails waiting to be sent from it, which revoking cancels (countQueuedMail). */
  queuedMail: number;
};

/** Revocation behind a confirmation that says what goes, here and at the provider. */
export function RevokeButton({ tenant, mailbox, provider, queuedMail }: RevokeButtonProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const { result, pending, onSubmit } = useFormAction(revokeConnectionAction, () => setConfirming(false));
  const notice = !result
    ? null
    : result.ok
      ? {
          kind: "success" as const,
          text: [
            t(result.data.messageKey as MessageKey),
            result.data.cancelledMail > 0
              ? t("connections.revoke.cancelledMail", { count: result.data.cancelledMail })
              : "",
          ].join(" "),
        }
      : { kind: "error" as const, text: result.message };
  const warning =
    provider === "google"
      ? t("connections.revoke.warnGoogle")
      : provider === "microsoft" || provider === "platform_microsoft"
        ? t("connections.revoke.warnMicrosoft")
        : null;
  return (
    <div className="space-y-2">
      {confirming ? (
        <form
          onSubmit={onSubmit}
          role="alertdialog"
          aria-labelledby={`revoke-title-${mailbox.id}`}
          className="space-y-3 rounded border border-red-200 bg-red-50 p-3"
        >
          <input type="hidden" name="tenant" value={tenant} />
          <input type="hidden" name="id" value={mailbox.id} />
          <p id={`revoke-title-${mailbox.id}`} className="text-sm font-medium text-red-900">
            {t("connections.revoke.title", { address: mailbox.address })}
          </p>
          <p className="text-sm text-red-900">{t("connections.revoke.body")}</p>
          {queuedMail > 0 && (
            <p className="text-sm font-medium text-red-900" data-testid="revoke-queued-mail">
              {t("connections.revoke.queuedMail", { count: queuedMail })}
            </p>
          )}
          {warning && <p className="text-sm text-red-900">{warning}</p>}
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={pending}
              data-testid="revoke-confirm"
              className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
            >
              {t("connections.revoke.confirm")}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100"
            >
              {t("connections.revoke.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          data-testid="revoke-connection"
          className="rounded border border-red-700 px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50"
        >
          {t("connections.revoke.button")}
        </button>
      )}
      <ActionNotice notice={notice} testId="revoke-result" />
    </div>
  );
}
