"use client";

/** Opens the browser's print dialog: for the sheets a technician takes to a device. */
export function PrintButton({ label, testId }: { label: string; testId?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      data-testid={testId}
      className="rounded border border-brand-600 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
    >
      {label}
    </button>
  );
}
