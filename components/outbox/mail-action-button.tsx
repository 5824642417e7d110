"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import { cancelMailAction, retryMailAction } from "@/lib/outbox/outbox-actions";

/** Retry (failed → queued) or cancel (queued/held → cancelled) one mail, then refresh the page. */
export function MailActionButton({
  tenant,
  id,
  kind,
}: {
  tenant: string;
  id: string;
  kind: "retry" | "cancel";
}) {
  const t = useT();
  const router = useRouter();
  const action: FormAction<{ id: string }> = kind === "retry" ? retryMailAction : cancelMailAction;
  const { result, pending, onSubmit } = useFormAction(action, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="inline-block">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        data-testid={`mail-${kind}-${id}`}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-60"
      >
        {t(kind === "retry" ? "outbox.actions.retry" : "outbox.actions.cancel")}
      </button>
      <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
    </form>
  );
}
