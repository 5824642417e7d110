import Link from "next/link";
import { mailActivityRanges, type MailActivityRange } from "@/lib/dashboard/mail-activity-range";

/**
 * The period of a chart as links (`?range=…`): they work without JavaScript, can be
 * shared, and the current one says so (aria-current). `scroll={false}`: choosing a
 * period keeps the page where it is.
 */
export function RangeChooser({
  id,
  label,
  names,
  current,
  href,
  testId,
}: {
  id: string;
  label: string;
  names: Record<MailActivityRange, string>;
  current: MailActivityRange;
  href: (range: MailActivityRange) => string;
  testId: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid={testId}>
      <span id={id} className="text-slate-600">
        {label}
      </span>
      <ul aria-labelledby={id} className="flex flex-wrap gap-1">
        {mailActivityRanges.map((range) => (
          <li key={range}>
            <Link
              href={href(range)}
              scroll={false}
              aria-current={range === current ? "true" : undefined}
              data-testid={`${testId}-${range}`}
              className={
                range === current
                  ? "inline-block rounded border border-brand-700 bg-brand-600 px-3 py-1.5 font-medium text-white"
                  : "inline-block rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-800 hover:bg-slate-100"
              }
            >
              {names[range]}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
