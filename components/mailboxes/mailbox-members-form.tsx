"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { assignMailboxMembersAction } from "@/lib/mailboxes/mailbox-actions";
import { MemberChoices } from "./member-choices";

/** Who the mailbox is assigned to: exactly the members ticked. */
export function MailboxMembersForm({
  tenant,
  mailboxId,
  members,
  assigned,
}: {
  tenant: string;
  mailboxId: string;
  members: { id: string; email: string; name: string }[];
  assigned: string[];
}) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(assignMailboxMembersAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="mailbox-members">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={mailboxId} />
      <MemberChoices
        members={members}
        selected={assigned}
        legend={t("mailboxes.assign.title")}
        error={result && !result.ok ? result.fieldErrors?.members : undefined}
      />
      <button
        type="submit"
        disabled={pending}
        data-testid="mailbox-members-submit"
        className="rounded border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {t("mailboxes.assign.submit")}
      </button>
      <ActionNotice
        notice={
          !result
            ? null
            : result.ok
              ? { kind: "success", text: t("mailboxes.assign.saved") }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
