"use client";

import { useId } from "react";
import { useT } from "@/components/i18n-provider";

/** The tenant's client configurations, as the `clientConfigurationId` field. */
export function ConfigurationSelect({
  configurations,
  defaultValue = "",
  error,
  hint,
  testId,
  onChange,
}: {
  configurations: { id: string; name: string }[];
  defaultValue?: string;
  /** Already translated. */
  error?: string;
  hint?: string;
  testId?: string;
  /** Told the id chosen, for fields that depend on the configuration. */
  onChange?: (id: string) => void;
}) {
  const t = useT();
  const id = useId();
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("mailboxes.form.configuration")}
      </label>
      <select
        id={id}
        name="clientConfigurationId"
        defaultValue={defaultValue}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
        required
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        className="mt-1 block w-full max-w-md rounded border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600"
      >
        {!defaultValue && <option value="">{t("mailboxes.form.chooseConfiguration")}</option>}
        {configurations.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
