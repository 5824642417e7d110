import { dayIn } from "@/lib/i18n/dates/time-zones";
import type { Translator } from "@/lib/i18n/translate";
import type { MigrationPlan } from "./get-migration-plan";

const cell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? "" : String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The plan as CSV, headers and states in the reader's language, dates as YYYY-MM-DD in the school's time zone. */
export function planCsv(plan: MigrationPlan, t: Translator, timeZone: string): string {
  const day = (date: Date | null | undefined) => (date ? dayIn(timeZone, date) : "");
  const header = [
    t("migration.csv.address"),
    t("migration.csv.messages"),
    t("migration.csv.auth"),
    "TLS 1.0 %",
    "TLS 1.1 %",
    "TLS 1.2 %",
    t("migration.csv.listener"),
    t("migration.csv.proposal"),
    t("migration.csv.status"),
    t("migration.csv.username"),
    t("migration.csv.firstUsed"),
    t("migration.csv.lastUsed"),
  ];
  const lines = plan.rows.map((row) =>
    [
      row.address,
      row.messages,
      t(`migration.auth.${row.auth}`),
      row.tls10Percent,
      row.tls11Percent,
      row.tls12Percent,
      t(`migration.listener.${row.listener}`),
      t(`migration.proposal.${row.proposal}`),
      t(`migration.status.${row.status}`),
      row.credential?.username,
      day(row.credential?.firstUsedAt),
      day(row.credential?.lastUsedAt),
    ]
      .map(cell)
      .join(","),
  );
  return `\uFEFF${[header.map(cell).join(","), ...lines].join("\r\n")}\r\n`;
}
