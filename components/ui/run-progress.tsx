"use client";

import { useT } from "@/components/i18n-provider";

/** The bar's colours, for Chromium/Safari and Firefox (a <progress> has no class for its filled part). */
export const progressBarClass =
  "h-2 w-full overflow-hidden rounded bg-slate-200 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600";

/**
 * How far a long action got: a <progress> bar, the count in words (read out
 * by screen readers as it moves), and a Stop button that lets the part
 * under way finish. `value` null: under way, how far unknown.
 */
export function RunProgress({
  value,
  max,
  label,
  note,
  onStop,
  stopping = false,
  testId,
}: {
  value: number | null;
  max: number;
  /** "12 of 40 mailboxes", already in words. */
  label: string;
  /** What leaving the page would do. */
  note: string;
  onStop?: () => void;
  stopping?: boolean;
  testId?: string;
}) {
  const t = useT();
  return (
    <div
      data-testid={testId}
      data-value={value ?? undefined}
      data-max={max}
      className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="font-medium text-slate-900" data-testid={testId && `${testId}-status`}>
          {label}
        </p>
        {onStop && (
          <button
            type="button"
            onClick={onStop}
            disabled={stopping}
            className="rounded border border-slate-400 bg-white px-2 py-0.5 text-sm hover:bg-slate-100"
          >
            {stopping ? t("common.progress.stopping") : t("common.progress.stop")}
          </button>
        )}
      </div>
      {value === null ? (
        <progress aria-label={label} className={progressBarClass} />
      ) : (
        <progress value={value} max={max} aria-label={label} className={progressBarClass} />
      )}
      <p className="text-xs text-slate-700">{note}</p>
    </div>
  );
}
