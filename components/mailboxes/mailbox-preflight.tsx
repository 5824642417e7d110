"use client";

import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/members/action-notice";
import { useFormAction } from "@/components/members/use-form-action";
import { runPreflightAction } from "@/lib/mailboxes/mailbox-actions";
import { preflightWords } from "@/lib/mailboxes/preflight-words";

const statusClass = {
  passed: "text-green-800",
  failed: "text-red-800",
  skipped: "text-slate-600",
} as const;

/** A button that runs the preflight check, then each step with its result and what to change. */
export function MailboxPreflight({ tenant, mailboxId }: { tenant: string; mailboxId: string }) {
  const t = useT();
  const { result, pending, onSubmit } = useFormAction(runPreflightAction);
  const steps = result?.ok ? preflightWords(t, result.data) : [];
  return (
    <section
      aria-labelledby="preflight-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="mailbox-preflight"
    >
      <h2 id="preflight-heading" className="text-lg font-semibold">
        {t("mailboxes.preflight.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("mailboxes.preflight.intro")}</p>
      <form onSubmit={onSubmit}>
        <input type="hidden" name="tenant" value={tenant} />
        <input type="hidden" name="id" value={mailboxId} />
        <button
          type="submit"
          disabled={pending}
          data-testid="mailbox-preflight-run"
          className="rounded border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
        >
          {pending ? t("mailboxes.preflight.running") : t("mailboxes.preflight.button")}
        </button>
      </form>
      <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
      {steps.length > 0 && (
        <ol className="space-y-3" aria-live="polite">
          {steps.map((step) => (
            <li key={step.step} data-testid={`preflight-step-${step.step}`} data-status={step.status}>
              <p className="text-sm font-medium">
                {step.title}: <span className={statusClass[step.status]}>{step.statusLabel}</span>
              </p>
              <p className="text-sm">{step.result}</p>
              {step.fix && <p className="text-sm">{step.fix}</p>}
              {step.where && <p className="text-sm">{step.where}</p>}
              {step.code && (
                <p className="text-xs text-slate-500">{t("mailboxes.preflight.code", { code: step.code })}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
