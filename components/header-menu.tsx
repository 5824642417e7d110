"use client";

import { usePathname } from "next/navigation";
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

/**
 * The header's navigation and account controls: behind a "Menu" button on a
 * narrow screen, in the header row itself from the lg breakpoint on (where the
 * button is hidden and the panel is always shown, so nothing moves when the
 * page hydrates). Following a link closes it; so does Escape, which gives the
 * focus back to the button.
 */
export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const pathname = usePathname();
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  // Open on the page where it was opened: a navigation closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== "Escape" || !open) return;
    setOpenOn(null);
    button.current?.focus();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="header-menu-button"
        onClick={() => setOpenOn(open ? null : pathname)}
        className="ml-auto inline-flex min-h-11 shrink-0 items-center gap-2 rounded border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          {open ? (
            <path d="M5.3 4.2 10 8.9l4.7-4.7 1.1 1.1-4.7 4.7 4.7 4.7-1.1 1.1-4.7-4.7-4.7 4.7-1.1-1.1 4.7-4.7-4.7-4.7z" />
          ) : (
            <path d="M3 5h14v1.6H3zm0 4.2h14v1.6H3zm0 4.2h14V15H3z" />
          )}
        </svg>
        {label}
      </button>
      <div
        id={panelId}
        data-testid="header-menu"
        onKeyDown={closeOnEscape}
        // A link followed from the menu closes it, even one to the page already shown.
        onClick={(event) => {
          if (event.target instanceof Element && event.target.closest("a")) setOpenOn(null);
        }}
        // A rule above the panel and between its parts on a narrow screen; from lg on the
        // panel is no box at all (display: contents), its parts sit in the header row.
        className={`${open ? "flex" : "hidden"} basis-full flex-col gap-3 border-t border-slate-200 pt-3 lg:contents max-lg:[&>*+*]:border-t max-lg:[&>*+*]:border-slate-200 max-lg:[&>*+*]:pt-3`}
      >
        {children}
      </div>
    </>
  );
}
