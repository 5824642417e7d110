import type { ReactNode } from "react";
import { stackedTable } from "./classes";

/** A table cell's classes, for the rows a TableSection's caller draws. */
export const tableCell = "px-3 py-2 align-top";

/**
 * A titled card holding one table, or a sentence when there is nothing to
 * list: heading (named for screen readers), optional intro, a visually hidden
 * caption, the column headers, and the rows the caller draws. The table
 * scrolls sideways inside the card on a phone (`relative` keeps its hidden
 * caption inside the scrolling box), or with `stacked` becomes one card per
 * row there (the caller's rows and cells then take `stackedTable`'s classes).
 */
export function TableSection({
  id,
  testId,
  heading,
  intro,
  caption,
  columns,
  empty,
  rows,
  footer,
  stacked = false,
}: {
  id: string;
  testId?: string;
  heading: string;
  intro?: string;
  caption: string;
  columns: string[];
  /** Shown instead of the table when `rows` is null. */
  empty: string;
  rows: ReactNode | null;
  footer?: ReactNode;
  stacked?: boolean;
}) {
  return (
    <section
      aria-labelledby={id}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={testId}
    >
      <h2 id={id} className="text-lg font-semibold">
        {heading}
      </h2>
      {intro && <p className="text-sm text-slate-600">{intro}</p>}
      {rows === null ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className={`w-full text-left text-sm ${stacked ? stackedTable.table : ""}`}>
            <caption className="sr-only">{caption}</caption>
            <thead className={`border-b border-slate-200 text-slate-600 ${stacked ? stackedTable.head : ""}`}>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col" className="px-3 py-2 font-medium">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className={stacked ? stackedTable.body : undefined}>{rows}</tbody>
          </table>
        </div>
      )}
      {footer}
    </section>
  );
}
