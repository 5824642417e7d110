import type { Metadata } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n-provider";
import { QueryProvider } from "@/components/query-provider";
import { catalogs } from "@/lib/i18n/catalog";
import { pickAreas, shellAreas } from "@/lib/i18n/message-areas";
import { platformTimeZone } from "@/lib/i18n/dates/time-zones";
import { getFormatLocale, getLocale } from "@/lib/i18n/server";
import "./globals.css";

export const metadata: Metadata = { title: "Relais" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, formatLocale] = await Promise.all([getLocale(), getFormatLocale()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <I18nProvider
          locale={locale}
          messages={pickAreas(catalogs[locale], shellAreas)}
          formatLocale={formatLocale}
          timeZone={platformTimeZone()}
        >
          <QueryProvider>{children}</QueryProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
