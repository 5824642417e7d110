"use client";

import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { runPreflightAction } from "@/lib/mailboxes/mailbox-actions";
import type { PreflightStep } from "@/lib/preflight/preflight-step";
import { preflightWords } from "@/lib/preflight/preflight-words";
import { PreflightStepList } from "./preflight-step-list";

/** The latest check kept on the mailbox, its moment already in the school's words. */
export interface LastPreflight {
  when: string;
  trigger: string;
  steps: PreflightStep[];
}

/**
 * The latest check (run by hand, right after connecting, or from the OAuth
 * application's check), then a button that runs it again, each step with its
 * result and what to change.
 */
export function MailboxPreflight({
  tenant,
  mailboxId,
  last,
}: {
  tenant: string;
  mailboxId: string;
  last: LastPreflight | null;
}) {
  const t = useT();
  const { result, pending, onSubmit } = useFormAction(runPreflightAction);
  const steps = result?.ok ? preflightWords(t, result.data) : [];
  const lastSteps = last && !result?.ok ? preflightWords(t, last) : [];
  const failedStep = lastSteps.find((step) => step.status === "failed");
  const trigger = (value: string) =>
    value === "button" || value === "connect" || value === "configuration"
      ? t(`mailboxes.preflight.last.triggers.${value}`)
      : value;
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
      {!result?.ok && (
        <div className="space-y-3" data-testid="mailbox-preflight-last">
          <p className="text-sm">
            <span className="font-medium">{t("mailboxes.preflight.last.title")}</span>{" "}
            {last
              ? failedStep
                ? t("mailboxes.preflight.last.failed", {
                    when: last.when,
                    trigger: trigger(last.trigger),
                    step: failedStep.title,
                  })
                : t("mailboxes.preflight.last.passed", { when: last.when, trigger: trigger(last.trigger) })
              : t("mailboxes.preflight.last.never")}
          </p>
          <PreflightStepList steps={lastSteps} />
        </div>
      )}
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
      <PreflightStepList steps={steps} />
    </section>
  );
}
