// Tailwind class lists shared by the portal's filter forms and list pages,
// so that every table looks and behaves alike.

/** A select or input inside a filter or settings form. */
export const fieldClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1";

/** "Previous" / "Next" links under a paged table. */
export const pageLinkClass = "rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100";
