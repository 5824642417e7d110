"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { switchMailboxTransportAction } from "@/lib/transports/transport-actions";

/**
 * "Send this mailbox through Microsoft Graph": the mailbox's own transport,
 * set in one click; `beside` (another way out) stands next to the button.
 */
export function SwitchToGraphButton({
  tenant,
  mailboxId,
  beside,
}: {
  tenant: string;
  mailboxId: string;
  beside?: ReactNode;
}) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(switchMailboxTransportAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="id" value={mailboxId} />
      <input type="hidden" name="transport" value="graph" />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          data-testid="mailbox-switch-graph"
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {t("mailboxes.smtpAuthOff.switchMailbox")}
        </button>
        {beside}
      </div>
      <ActionNotice
        testId="mailbox-switch-result"
        notice={
          !result
            ? null
            : result.ok
              ? {
                  kind: "success",
                  text:
                    result.data.mustReconsent.length > 0
                      ? t("mailboxes.smtpAuthOff.switchedReconsent")
                      : t("mailboxes.smtpAuthOff.switched"),
                }
              : { kind: "error", text: result.message }
        }
      />
    </form>
  );
}
