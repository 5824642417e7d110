"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useDates, useT } from "@/components/i18n-provider";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { ActionNotice } from "@/components/ui/action-notice";
import type { ActionResult } from "@/lib/actions/action-result";
import { createConnectLinksAction } from "@/lib/connect-links/connect-link-actions";

type Sent = Extract<Awaited<ReturnType<typeof createConnectLinksAction>>, { ok: true }>["data"];

/**
 * One click that mails this mailbox's owner (a shared mailbox's delegate) a
 * connect link valid for the default lifetime: the fix beside a health line
 * that asks for a (re)connection. The connect links section offers other
 * lifetimes. A button, not a form: it also sits inside other forms (the
 * compose page's sender).
 */
export function SendConnectLinkButton({
  tenant,
  mailboxId,
  label,
}: {
  tenant: string;
  mailboxId: string;
  /** "Send a connect link" or "Send a reconnect link", translated. */
  label: string;
}) {
  const t = useT();
  const dates = useDates();
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<Sent> | null>(null);
  const [pending, startTransition] = useTransition();
  function send() {
    const data = new FormData();
    data.set("tenant", tenant);
    data.set("ids", mailboxId);
    startTransition(async () => {
      const outcome = await createConnectLinksAction(null, data);
      startTransition(() => {
        setResult(outcome);
        if (outcome.ok) router.refresh();
      });
    });
  }
  const notice = !result
    ? null
    : !result.ok
      ? { kind: "error" as const, text: result.message }
      : result.data.notMailed.length > 0
        ? { kind: "error" as const, text: t("mailboxes.health.linkNotMailed") }
        : {
            kind: "success" as const,
            text: t("mailboxes.health.linkSent", {
              date: formatMoment(dates, new Date(result.data.expiresAt)),
            }),
          };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={send}
        disabled={pending}
        data-testid="mailbox-send-link"
        className="rounded border border-brand-600 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {label}
      </button>
      <ActionNotice testId="mailbox-send-link-result" notice={notice} />
    </div>
  );
}
