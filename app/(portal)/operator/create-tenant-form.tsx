"use client";

import { useActionState } from "react";
import { useT } from "@/components/i18n-provider";
import { SchoolRegionFields } from "@/components/settings/school-region-fields";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/actions/action-result";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/dates/time-zones";
import { defaultSchoolLocale, schoolLocale } from "@/lib/i18n/locales";
import { createTenantAction } from "@/lib/tenants/tenant-actions";

interface Submission {
  result: ActionResult<{ slug: string; name: string }>;
  values: { name: string; slug: string; locale: string; timeZone: string };
  count: number;
}

/** A new school: its name and short name, and its language and time zone (French, Europe/Paris unless changed). */
export function CreateTenantForm({ timeZones }: { timeZones: readonly string[] }) {
  const t = useT();
  // React empties a form after its action; what was typed is given back when it was refused.
  const [state, action, pending] = useActionState<Submission | null, FormData>(async (previous, form) => {
    const values = {
      name: String(form.get("name") ?? ""),
      slug: String(form.get("slug") ?? ""),
      locale: String(form.get("locale") ?? ""),
      timeZone: String(form.get("timeZone") ?? ""),
    };
    const result = await createTenantAction(previous?.result ?? null, form);
    return { result, values, count: (previous?.count ?? 0) + 1 };
  }, null);
  const failed = state && !state.result.ok ? state.result : null;
  const kept = failed ? state?.values : undefined;
  return (
    <form
      key={state?.count ?? 0}
      action={action}
      className="max-w-lg space-y-4"
      data-testid="create-tenant-form"
      noValidate
    >
      <TextField
        name="name"
        label={t("operator.create.name")}
        hint={t("operator.create.nameHint")}
        error={failed?.fieldErrors?.name}
        defaultValue={kept?.name}
        required
        maxLength={120}
      />
      <TextField
        name="slug"
        label={t("operator.create.slug")}
        hint={t("operator.create.slugHint")}
        error={failed?.fieldErrors?.slug}
        defaultValue={kept?.slug}
        required
        maxLength={48}
        autoCapitalize="none"
        spellCheck={false}
      />
      <SchoolRegionFields
        idPrefix="create-tenant"
        look="form"
        locale={kept ? schoolLocale(kept.locale) : defaultSchoolLocale}
        timeZone={kept?.timeZone || DEFAULT_TIME_ZONE}
        timeZones={timeZones}
        errors={{ locale: failed?.fieldErrors?.locale, timeZone: failed?.fieldErrors?.timeZone }}
      />
      {state?.result.ok && (
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("operator.create.created", { name: state.result.data.name })}
        </p>
      )}
      {failed && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {failed.message}
        </p>
      )}
      <button
        type="submit"
        data-testid="create-tenant-submit"
        disabled={pending}
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("operator.create.submit")}
      </button>
    </form>
  );
}
