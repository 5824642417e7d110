"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/lib/auth/set-locale-action";
import { locales } from "@/lib/i18n/locales";
import { useLocale, useT } from "./i18n-provider";

export function LanguageSwitch() {
  const t = useT();
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{t("common.language")}</span>
      <select
        data-testid="language-switch"
        className="min-h-11 rounded border border-slate-300 bg-white px-2 py-1 lg:min-h-0"
        value={current}
        disabled={pending}
        onChange={(event) => {
          const form = new FormData();
          form.set("locale", event.target.value);
          startTransition(async () => {
            await setLocaleAction(form);
            router.refresh();
          });
        }}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale}>
            {t(`common.languages.${locale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
