"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { sendTestMailAction } from "@/lib/outbox/outbox-actions";

const button =
  "rounded border border-brand-600 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60";

/**
 * Queues a test mail from the mailbox to the person who clicks. When the
 * mailbox cannot send right now (`warning`: what the mail would wait for),
 * the first click says so, with the fix (`fix`, e.g. Reconnect), and the
 * mail is queued only if the person confirms.
 */
export function SendTestMailButton({
  tenant,
  mailboxId,
  warning = null,
  fix,
}: {
  tenant: string;
  mailboxId: string;
  warning?: string | null;
  fix?: { href: string; label: string };
}) {
  const t = useT();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const mainRef = useRef<HTMLButtonElement>(null);
  const { result, pending, onSubmit } = useFormAction(sendTestMailAction, () => setConfirming(false));
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="tenant" value={tenant} />
      <input type="hidden" name="mailboxId" value={mailboxId} />
      {!confirming && (
        <button
          ref={mainRef}
          type={warning ? "button" : "submit"}
          onClick={warning ? () => setConfirming(true) : undefined}
          disabled={pending}
          data-testid="send-test-mail"
          data-mailbox-id={mailboxId}
          className={button}
        >
          {t("outbox.testMail.button")}
        </button>
      )}
      {confirming && warning && (
        <div
          role="group"
          aria-labelledby={`${id}-warning`}
          data-testid="send-test-mail-warning"
          className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        >
          <p id={`${id}-warning`}>{warning}</p>
          <div className="flex flex-wrap items-center gap-2">
            {fix && (
              // A plain link: the authorization route redirects to the provider.
              <a
                href={fix.href}
                data-testid="send-test-mail-fix"
                className="rounded bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700"
              >
                {fix.label}
              </a>
            )}
            <button
              ref={confirmRef}
              type="submit"
              aria-describedby={`${id}-warning`}
              disabled={pending}
              data-testid="send-test-mail-anyway"
              className={`${button} bg-white`}
            >
              {t("outbox.testMail.queueAnyway")}
            </button>
            <button
              type="button"
              className="text-sm underline"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => mainRef.current?.focus());
              }}
            >
              {t("outbox.testMail.cancel")}
            </button>
          </div>
        </div>
      )}
      <ActionNotice
        testId="send-test-mail-result"
        notice={
          result
            ? result.ok
              ? { kind: result.data.tone, text: result.data.message }
              : { kind: "error", text: result.message }
            : null
        }
      />
    </form>
  );
}
