"use client";

import { useT } from "@/components/i18n-provider";
import { fieldClass } from "@/components/ui/classes";
import { locales, type Locale } from "@/lib/i18n/locales";

// Each form's own look: the settings page's fields, or TextField's (components/ui/text-field.tsx).
const looks = {
  settings: {
    label: "block max-w-md text-sm",
    select: fieldClass,
    hint: "mt-1 text-sm text-slate-600",
  },
  form: {
    label: "block text-sm font-medium text-slate-800",
    select:
      "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 font-normal aria-[invalid=true]:border-red-600",
    hint: "mt-1 text-xs text-slate-500",
  },
} as const;

/**
 * A school's language and time zone, as two selects: in the school's
 * settings and in the operator's "create a school" form. The zones are the
 * server's list (the one it validates against), passed down.
 */
export function SchoolRegionFields({
  idPrefix,
  look = "settings",
  locale,
  timeZone,
  timeZones,
  errors = {},
}: {
  idPrefix: string;
  look?: keyof typeof looks;
  locale: Locale;
  timeZone: string;
  timeZones: readonly string[];
  errors?: { locale?: string; timeZone?: string };
}) {
  const t = useT();
  const classes = looks[look];
  const field = (
    name: "locale" | "timeZone",
    hint: string,
    control: (describedBy: string) => React.ReactNode,
  ) => {
    const error = errors[name];
    const hintId = `${idPrefix}-${name}-hint`;
    const errorId = `${idPrefix}-${name}-error`;
    return (
      <div>
        {control(error ? `${hintId} ${errorId}` : hintId)}
        <p id={hintId} className={classes.hint}>
          {hint}
        </p>
        {error && (
          <p
            id={errorId}
            role="alert"
            className="mt-1 text-sm text-red-700"
            data-testid={`${idPrefix}-${name}-error`}
          >
            {error}
          </p>
        )}
      </div>
    );
  };
  return (
    <>
      {field("locale", t("settings.region.languageHint"), (describedBy) => (
        <label className={classes.label}>
          {t("settings.region.language")}
          <select
            name="locale"
            defaultValue={locale}
            aria-describedby={describedBy}
            aria-invalid={errors.locale ? true : undefined}
            className={classes.select}
            data-testid={`${idPrefix}-locale`}
          >
            {locales.map((value) => (
              <option key={value} value={value}>
                {t(`common.languageNames.${value}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
      {field("timeZone", t("settings.region.timeZoneHint"), (describedBy) => (
        <label className={classes.label}>
          {t("settings.region.timeZone")}
          <select
            name="timeZone"
            defaultValue={timeZone}
            aria-describedby={describedBy}
            aria-invalid={errors.timeZone ? true : undefined}
            className={classes.select}
            data-testid={`${idPrefix}-time-zone`}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
      ))}
    </>
  );
}
