"use client";

import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/members/action-notice";
import { useFormAction } from "@/components/members/use-form-action";
import { sendTestMailAction } from "@/lib/outbox/outbox-actions";

/** Queues a test mail from the mailbox to the person who clicks. */
export function SendTestMailButton({ tenant, mailboxId }: { tenant: string; mailboxId: string }) {
  const t = useT();
  const { result, pending, onSubmit } = useFormAction(sendTestMailAction);
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <button
        type="submit"
        disabled={pending}
        data-testid="send-test-mail"
        data-mailbox-id={mailboxId}
        className="rounded border border-brand-600 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {t("outbox.testMail.button")}
      </button>
      <ActionNotice
        testId="send-test-mail-result"
        notice={
          result
            ? result.ok
              ? {
                  kind: "success",
                  text: t(result.data.status === "held" ? "outbox.compose.held" : "outbox.testMail.queued"),
                }
              : { kind: "error", text: result.message }
            : null
        }
      />
    </form>
  );
}
