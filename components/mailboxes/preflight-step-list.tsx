"use client";

import { useT } from "@/components/i18n-provider";
import type { PreflightStepWords } from "@/lib/preflight/preflight-words";

const statusClass = {
  passed: "text-green-800",
  failed: "text-red-800",
  skipped: "text-slate-600",
} as const;

/** A preflight's steps, each with its result, what to change and where, and its code for support. */
export function PreflightStepList({ steps, testId }: { steps: PreflightStepWords[]; testId?: string }) {
  const t = useT();
  if (steps.length === 0) return null;
  return (
    <ol className="space-y-3" aria-live="polite" data-testid={testId}>
      {steps.map((step) => (
        <li
          key={step.step}
          data-testid={`preflight-step-${step.step}`}
          data-status={step.status}
          className="break-words"
        >
          <p className="text-sm font-medium">
            {t("mailboxes.preflight.stepTitle", { title: step.title })}{" "}
            <span className={statusClass[step.status]}>{step.statusLabel}</span>
          </p>
          <p className="text-sm">{step.result}</p>
          {step.fix && <p className="text-sm">{step.fix}</p>}
          {step.link && (
            <p className="text-sm">
              <a
                href={step.link.url}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="preflight-admin-consent"
                className="font-medium text-brand-700 underline hover:text-brand-800"
              >
                {step.link.label}
              </a>
              <span className="mt-1 block break-all text-xs text-slate-500">{step.link.url}</span>
            </p>
          )}
          {step.where && <p className="text-sm">{step.where}</p>}
          {step.code && (
            <p className="text-xs text-slate-500">{t("mailboxes.preflight.code", { code: step.code })}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
