"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { fieldClass } from "@/components/ui/classes";
import { setMailRetentionAction } from "@/lib/tenants/tenant-settings-actions";
import { MAIL_RETENTION_MAX_DAYS, MAIL_RETENTION_MIN_DAYS } from "@/lib/tenants/tenant-settings-schemas";

/** The school's retention period for mail content, in days. */
export function MailRetentionForm({ tenant, days }: { tenant: string; days: number }) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(setMailRetentionAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  const fieldError = result && !result.ok ? result.fieldErrors?.mailBodyRetentionDays : undefined;
  const notice = !result
    ? null
    : result.ok
      ? {
          kind: "success" as const,
          text: t(result.data.changed ? "settings.retention.saved" : "settings.retention.unchanged", {
            days: result.data.mailBodyRetentionDays,
          }),
        }
      : fieldError
        ? null
        : { kind: "error" as const, text: result.message };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="retention-form">
      <input type="hidden" name="tenant" value={tenant} />
      <label className="block max-w-xs text-sm" htmlFor="retention-days">
        {t("settings.retention.days")}
      </label>
      <input
        id="retention-days"
        name="mailBodyRetentionDays"
        type="number"
        inputMode="numeric"
        min={MAIL_RETENTION_MIN_DAYS}
        max={MAIL_RETENTION_MAX_DAYS}
        step={1}
        required
        defaultValue={days}
        aria-describedby={fieldError ? "retention-days-hint retention-days-error" : "retention-days-hint"}
        aria-invalid={fieldError ? true : undefined}
        className={`${fieldClass} max-w-[10rem]`}
        data-testid="retention-days"
      />
      <p id="retention-days-hint" className="text-sm text-slate-600">
        {t("settings.retention.hint")}
      </p>
      {fieldError && (
        <p
          id="retention-days-error"
          role="alert"
          className="text-sm text-red-700"
          data-testid="retention-error"
        >
          {fieldError}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        data-testid="retention-save"
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("settings.retention.save")}
      </button>
      <ActionNotice notice={notice} testId="retention-result" />
    </form>
  );
}
