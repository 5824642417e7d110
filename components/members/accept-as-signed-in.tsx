"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { acceptInvitationAction } from "@/lib/members/member-actions";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";

/** For someone signed in with the invited account: one button. */
export function AcceptAsSignedIn({ token }: { token: string }) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(acceptInvitationAction, (outcome) => {
    if (!outcome.ok) return;
    router.push(`/t/${outcome.data.tenantSlug}`);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <button
        type="submit"
        data-testid="accept-button"
        disabled={pending || result?.ok === true}
        className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("members.accept.acceptButton")}
      </button>
      <ActionNotice
        testId="accept-result"
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t("members.accept.accepted", { tenant: result.data.tenantName }) }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
