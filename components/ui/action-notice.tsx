export interface Notice {
  /** success: done; warning: done, but something waits or was left out (said in `text`); error: not done. */
  kind: "success" | "warning" | "error";
  /** Already translated. */
  text: string;
}

const statusClass = {
  success: "rounded bg-green-50 px-3 py-2 text-sm text-green-800",
  warning: "rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900",
} as const;

/**
 * The outcome of an action, announced to screen readers: the status region
 * is always present so that a change in it is read out.
 */
export function ActionNotice({ notice, testId }: { notice: Notice | null; testId?: string }) {
  const status =
    notice?.kind === "success" || notice?.kind === "warning" ? { ...notice, kind: notice.kind } : null;
  return (
    <div data-testid={testId} data-kind={notice?.kind}>
      <p role="status" className={status ? statusClass[status.kind] : "sr-only"}>
        {status ? status.text : ""}
      </p>
      {notice?.kind === "error" && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {notice.text}
        </p>
      )}
    </div>
  );
}
