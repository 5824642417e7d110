import { auditDetailLines } from "@/lib/audit/audit-detail-lines";
import type { AuditDetailsJson } from "@/lib/audit/audit-details-json";
import type { DateConventions } from "@/lib/i18n/dates/formats";
import type { Translator } from "@/lib/i18n/translate";

/**
 * An audit entry's details in words, one fact a line, with the JSON as
 * recorded folded under "For support" (the export keeps it too).
 */
export function AuditDetails({
  t,
  dates,
  action,
  details,
}: {
  t: Translator;
  dates: DateConventions;
  action: string;
  details: AuditDetailsJson;
}) {
  const lines = auditDetailLines(t, dates, action, details);
  if (lines.length === 0) return null;
  return (
    <div className="space-y-1">
      <ul className="space-y-0.5">
        {lines.map((line) => (
          <li key={line.key} className="break-words">
            {line.label ? t("audit.values.detail", { label: line.label, value: line.value }) : line.value}
          </li>
        ))}
      </ul>
      <details className="text-slate-500">
        <summary className="cursor-pointer">{t("audit.forSupport")}</summary>
        <code className="block break-all whitespace-pre-wrap">{JSON.stringify(details)}</code>
      </details>
    </div>
  );
}
