import { scaleLinear } from "@visx/scale";

/**
 * One horizontal bar made of segments, for a row of a table: hidden from assistive
 * technology, the row's cells carrying the figures. It stretches to its box
 * (`preserveAspectRatio="none"`), so it holds no text.
 */
export function InlineBar({
  segments,
  max,
  className = "h-3 w-full",
}: {
  segments: { value: number; barClass: string }[];
  /** The value a full bar stands for (the largest of the table). */
  max: number;
  className?: string;
}) {
  const x = scaleLinear<number>({ domain: [0, Math.max(1, max)], range: [0, 100], clamp: true });
  // Where each segment starts: the sum of those before it.
  const starts = segments.map((_, index) => segments.slice(0, index).reduce((sum, s) => sum + s.value, 0));
  return (
    <svg aria-hidden="true" viewBox="0 0 100 10" preserveAspectRatio="none" className={className}>
      <rect x={0} y={0} width={100} height={10} className="fill-slate-100" />
      {segments.map((segment, index) => {
        const start = x(starts[index]!);
        const width = x(starts[index]! + segment.value) - start;
        return width > 0 ? (
          <rect key={index} x={start} y={0} width={width} height={10} className={segment.barClass} />
        ) : null;
      })}
    </svg>
  );
}
