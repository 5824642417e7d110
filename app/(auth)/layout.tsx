import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { getTranslator } from "@/lib/i18n/server";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslator();
  return (
    <div className="flex min-h-screen flex-col items-center px-4 py-6 sm:py-10">
      <header className="flex w-full max-w-md items-center justify-between">
        <p className="text-lg font-semibold text-brand-700">{t("common.appName")}</p>
        <LanguageSwitch />
      </header>
      <main className="mt-6 w-full max-w-md rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        {children}
      </main>
      <footer className="mt-4 text-sm text-slate-500">{t("common.tagline")}</footer>
    </div>
  );
}
