"use client";

import { useId, useState, type ReactNode } from "react";

/**
 * A part of a page folded behind one button on a narrow screen (a list's
 * filters, its bulk actions), so that the list itself comes first; from the
 * md breakpoint on the button is hidden and the part always shown, so
 * nothing moves when the page hydrates.
 */
export function PhoneDisclosure({
  label,
  testId,
  children,
}: {
  /** The button's text, e.g. "Filters (2 in use)". */
  label: string;
  testId?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid={testId}
        onClick={() => setOpen(!open)}
        className="flex min-h-11 w-full items-center justify-between gap-2 rounded border border-slate-300 bg-white px-3 text-left text-sm font-medium hover:bg-slate-50 md:hidden"
      >
        <span className="min-w-0 break-words">{label}</span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className={`h-4 w-4 shrink-0 transition-transform ${open ? "rotate-180" : ""}`}
          fill="currentColor"
        >
          <path d="M5.3 7.3 10 12l4.7-4.7 1.1 1.1L10 14.2 4.2 8.4z" />
        </svg>
      </button>
      <div id={panelId} className={`${open ? "mt-2 block" : "hidden"} md:mt-0 md:block`}>
        {children}
      </div>
    </div>
  );
}
