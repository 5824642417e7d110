"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import type { Locale } from "@/lib/i18n/locales";
import { setSchoolRegionAction } from "@/lib/tenants/tenant-settings-actions";
import { SchoolRegionFields } from "./school-region-fields";

/** The school's language (of mail to people who chose none) and time zone (of every date shown). */
export function SchoolRegionForm({
  tenant,
  locale,
  timeZone,
  timeZones,
}: {
  tenant: string;
  locale: Locale;
  timeZone: string;
  timeZones: readonly string[];
}) {
  const t = useT();
  const router = useRouter();
  const { result, pending, onSubmit } = useFormAction(setSchoolRegionAction, (outcome) => {
    if (outcome.ok) router.refresh();
  });
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const notice = !result
    ? null
    : result.ok
      ? {
          kind: "success" as const,
          text: result.data.changed
            ? t("settings.region.saved", { zone: result.data.timeZone })
            : t("settings.region.unchanged"),
        }
      : fieldErrors
        ? null
        : { kind: "error" as const, text: result.message };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="region-form">
      <input type="hidden" name="tenant" value={tenant} />
      <SchoolRegionFields
        idPrefix="region"
        locale={locale}
        timeZone={timeZone}
        timeZones={timeZones}
        errors={{ locale: fieldErrors?.locale, timeZone: fieldErrors?.timeZone }}
      />
      <button
        type="submit"
        disabled={pending}
        data-testid="region-save"
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("settings.region.save")}
      </button>
      <ActionNotice notice={notice} testId="region-result" />
    </form>
  );
}
