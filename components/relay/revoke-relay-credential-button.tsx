"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { revokeRelayCredentialAction } from "@/lib/relay-credentials/relay-credential-actions";

/** Revokes a relay credential after the person confirms; the page then shows it revoked. */
export function RevokeRelayCredentialButton({
  tenant,
  id,
  name,
}: {
  tenant: string;
  id: string;
  name: string;
}) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(revokeRelayCredentialAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  return (
    <form
      className="print:hidden"
      onSubmit={(event) => {
        if (!window.confirm(t("relay.revoke.confirm", { name }))) event.preventDefault();
        else onSubmit(event);
      }}
    >
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        data-testid={`relay-revoke-${id}`}
        aria-label={t("relay.revoke.label", { name })}
        className="rounded border border-red-700 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {t("relay.revoke.button")}
      </button>
      <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
    </form>
  );
}
