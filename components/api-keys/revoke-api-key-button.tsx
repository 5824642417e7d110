"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { revokeApiKeyAction } from "@/lib/api-keys/api-key-actions";

export function RevokeApiKeyButton({ tenant, id, name }: { tenant: string; id: string; name: string }) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(revokeApiKeyAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  return (
    <form
      onSubmit={(event) => {
        if (!window.confirm(t("outbox.apiKeys.revokeConfirm", { name }))) event.preventDefault();
        else onSubmit(event);
      }}
    >
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        data-testid={`api-key-revoke-${id}`}
        className="rounded border border-red-700 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {t("outbox.apiKeys.revoke")}
      </button>
      <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
    </form>
  );
}
