// Tailwind class lists shared by the portal's filter forms and list pages,
// so that every table looks and behaves alike.

/** A select or input inside a filter or settings form. */
export const fieldClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1";

/** "Previous" / "Next" links under a paged table. */
export const pageLinkClass = "rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100";

/**
 * A list table that becomes one card per row under the sm breakpoint, so that
 * a phone never scrolls a list sideways: the header row is then for screen
 * readers only, each cell is a block, and a cell marked `labelled` shows its
 * column's name (its `data-label`) above its content. Cells that must come
 * first on a card (a row's address or subject, its state) take `first`.
 */
export const stackedTable = {
  table: "max-sm:block",
  head: "max-sm:sr-only",
  body: "max-sm:block",
  row: "max-sm:flex max-sm:flex-col max-sm:gap-2 max-sm:p-3",
  cell: "max-sm:p-0 max-sm:empty:hidden",
  first: "max-sm:order-first",
  labelled:
    "max-sm:before:block max-sm:before:text-xs max-sm:before:font-sans max-sm:before:font-normal max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]",
} as const;
