export interface Notice {
  kind: "success" | "error";
  /** Already translated. */
  text: string;
}

/**
 * The outcome of an action, announced to screen readers: the status region
 * is always present so that a change in it is read out.
 */
export function ActionNotice({ notice, testId }: { notice: Notice | null; testId?: string }) {
  return (
    <div data-testid={testId}>
      <p
        role="status"
        className={
          notice?.kind === "success" ? "rounded bg-green-50 px-3 py-2 text-sm text-green-800" : "sr-only"
        }
      >
        {notice?.kind === "success" ? notice.text : ""}
      </p>
      {notice?.kind === "error" && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {notice.text}
        </p>
      )}
    </div>
  );
}
