"use client";

import { useT } from "@/components/i18n-provider";
import type { RelayConnectionInfo } from "@/lib/relay/relay-connection-info";
import type { ListenerNeed } from "@/lib/migration/sender-status";
import { DeviceSheet } from "./device-sheet";
import { PrintButton } from "@/components/ui/print-button";

export type NewCredentialSheet = {
  address: string;
  listener: ListenerNeed;
  username: string;
  password: string;
};

/** The sheets of the credentials made in this visit: the only time their passwords are shown. */
export function DeviceSheets({ sheets, info }: { sheets: NewCredentialSheet[]; info: RelayConnectionInfo }) {
  const t = useT();
  return (
    <section aria-labelledby="migration-sheets-heading" className="space-y-3" data-testid="migration-sheets">
      <div className="space-y-2 print:hidden">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h3 id="migration-sheets-heading" className="font-semibold">
            {t("migration.sheet.heading")}
          </h3>
          <PrintButton label={t("migration.sheet.print")} testId="migration-print" />
        </div>
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
          {t("migration.sheet.shownOnce")}
        </p>
      </div>
      {sheets.map((sheet) => (
        <DeviceSheet key={sheet.username} {...sheet} info={info} />
      ))}
    </section>
  );
}
