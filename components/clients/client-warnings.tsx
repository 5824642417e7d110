"use client";

import { useT } from "@/components/i18n-provider";
import type { MessageKey } from "@/lib/i18n/catalog";

/** What is worth checking in a saved configuration; it was saved anyway. */
export function ClientWarnings({ warnings }: { warnings: MessageKey[] }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <section
      aria-labelledby="client-warnings-title"
      className="rounded border border-amber-300 bg-amber-50 p-3"
    >
      <h2 id="client-warnings-title" className="text-sm font-semibold text-amber-900">
        {t("clients.page.warningsTitle")}
      </h2>
      <ul data-testid="client-warnings" className="mt-1 list-disc space-y-1 pl-5 text-sm text-amber-900">
        {warnings.map((key) => (
          <li key={key} data-warning={key}>
            {t(key)}
          </li>
        ))}
      </ul>
    </section>
  );
}
