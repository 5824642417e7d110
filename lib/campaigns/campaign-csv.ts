import { csvLine } from "@/lib/audit/audit-csv";
import type { CampaignReport } from "./get-campaign-report";

/** Fixed English column names and status codes, as the audit export: a script need not know the language. */
export const campaignCsvColumns = [
  "address",
  "owner",
  "status",
  "asked_at_utc",
  "opened_at_utc",
  "reconnected_at_utc",
  "link_expires_at_utc",
  "reminders_sent",
] as const;

/** A campaign's report as CSV (RFC 4180, cells that a spreadsheet would run made inert). */
export function campaignCsv(report: CampaignReport): string {
  return [
    csvLine(campaignCsvColumns),
    ...report.members.map((m) =>
      csvLine([
        m.address,
        m.owner,
        m.status,
        m.askedAt,
        m.openedAt,
        m.reconnectedAt,
        m.linkExpiresAt,
        String(m.remindersSent),
      ]),
    ),
  ].join("");
}
