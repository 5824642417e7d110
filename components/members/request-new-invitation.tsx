"use client";

import { useT } from "@/components/i18n-provider";
import { requestNewInvitationAction } from "@/lib/members/member-actions";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";

/** From an expired or used invitation: asks the tenant's admins to invite this address again. */
export function RequestNewInvitation({ token }: { token: string }) {
  const t = useT();
  const { result, pending, onSubmit } = useFormAction(requestNewInvitationAction);
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <button
        type="submit"
        data-testid="request-new-invitation"
        disabled={pending || result?.ok === true}
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("members.reinvite.button")}
      </button>
      <ActionNotice
        testId="request-new-invitation-result"
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t("members.reinvite.sent", { tenant: result.data.tenantName }) }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
