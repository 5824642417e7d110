"use client";

import { useT } from "@/components/i18n-provider";
import type { SecretExpiryStatus } from "@/lib/clients/client-secret-expiry";
import type { KeepAliveFamily } from "@/lib/connections/keep-alive-windows";

const TONE_CLASSES: Record<SecretExpiryStatus["tone"], string> = {
  expired: "bg-red-50 text-red-800",
  soon: "bg-amber-50 text-amber-900",
  later: "bg-slate-50 text-slate-700",
};

/**
 * When the configuration's client secret expires: "in 87 days" as a plain
 * line, amber within 30 days, red once expired (or refused as expired by the
 * provider), then with where to make a new one.
 */
export function SecretExpiryNotice({
  status,
  date,
  family,
}: {
  status: Pick<SecretExpiryStatus, "daysLeft" | "tone" | "seenExpired">;
  /** The expiry day, already in the reader's words. */
  date: string;
  family: KeepAliveFamily;
}) {
  const t = useT();
  const text = status.seenExpired
    ? t("clients.secretExpiry.seenExpired", { date })
    : status.daysLeft < 0
      ? t("clients.secretExpiry.expired", { date })
      : status.daysLeft === 0
        ? t("clients.secretExpiry.expiresToday", { date })
        : t("clients.secretExpiry.expiresIn", { date, days: status.daysLeft });
  return (
    <div
      data-testid="client-secret-expiry"
      data-tone={status.tone}
      role={status.tone === "expired" ? "alert" : undefined}
      className={`rounded px-3 py-2 text-sm ${TONE_CLASSES[status.tone]}`}
    >
      <p className="font-medium">{text}</p>
      {status.tone !== "later" && <p className="mt-1">{t(`clients.secretExpiry.fix.${family}`)}</p>}
    </div>
  );
}
