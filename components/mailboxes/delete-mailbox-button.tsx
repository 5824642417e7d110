"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteMailboxAction } from "@/lib/mailboxes/mailbox-actions";

/** Deletion, behind a confirmation that says what goes with the mailbox and what stays at the provider. */
export function DeleteMailboxButton({
  tenant,
  mailbox,
}: {
  tenant: string;
  mailbox: { id: string; address: string };
}) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { result, pending, onSubmit } = useFormAction(deleteMailboxAction, (outcome) => {
    if (outcome.ok) router.push(`/t/${tenant}/mailboxes`);
    else setConfirming(false);
  });
  if (!confirming) {
    return (
      <div className="space-y-2">
        <button
          type="button"
          onClick={() => setConfirming(true)}
          data-testid="mailbox-delete"
          className="rounded border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50"
        >
          {t("mailboxes.delete.button")}
        </button>
        <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded border border-red-200 bg-red-50 p-3">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={mailbox.id} />
      <p className="text-sm text-red-900">{t("mailboxes.delete.confirm", { address: mailbox.address })}</p>
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={pending}
          data-testid="mailbox-delete-confirm"
          className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          {t("mailboxes.delete.confirmButton")}
        </button>
        <button
          type="button"
          onClick={() => setConfirming(false)}
          className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100"
        >
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
