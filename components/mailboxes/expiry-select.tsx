"use client";

import { useId } from "react";
import { useT } from "@/components/i18n-provider";
import { connectLinkLifetime } from "@/lib/connect-links/connect-link-state";

const choices = [1, 3, 7, 14, 30] as const;

/** How long new connect links stay valid (1–30 days, 7 by default). */
export function ExpirySelect({ testId, name = "expiresInDays" }: { testId?: string; name?: string }) {
  const t = useT();
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm">
        {t("mailboxes.connectLinks.expiry")}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={String(connectLinkLifetime.defaultDays)}
        data-testid={testId}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {choices.map((days) => (
          <option key={days} value={days}>
            {days === 1 ? t("mailboxes.connectLinks.oneDay") : t("mailboxes.connectLinks.days", { days })}
          </option>
        ))}
      </select>
    </div>
  );
}
