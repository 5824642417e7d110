import { AxisBottom, AxisLeft, type TickRendererProps } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";

/*
 * Stacked bars drawn with visx (d3-scale underneath) as plain SVG, on the server or
 * wherever it is rendered: no script, no measuring, and every position, size and
 * colour an attribute or a Tailwind class, never a style attribute, which the
 * Content-Security-Policy refuses (docs/security-headers.md). visx's own text
 * component writes one (`style="overflow:visible"`), so tick labels are drawn here
 * (`tickComponent`) and the axes' titles too. See docs/charts.md.
 */

export interface ChartSeries<K extends string> {
  key: K;
  label: string;
  /** Tailwind fill class of its bars, e.g. "fill-brand-600". */
  barClass: string;
}

export interface ChartColumn<K extends string> {
  id: string;
  /** Its label under the axis (shown for every `tickEvery`-th column). */
  tick: string;
  /** The bar's title: what hovering it shows. */
  title: string;
  values: Record<K, number>;
}

const MARGIN = { top: 12, right: 20, bottom: 46, left: 52 };
const FONT = 12;
/** Tenths of a unit are finer than any screen shows: shorter attributes, a lighter page. */
const round = (value: number) => Math.round(value * 10) / 10;

function tickLabel(anchor: "middle" | "end", dy: string) {
  function TickLabel({ x, y, formattedValue }: TickRendererProps) {
    return (
      <text x={x} y={y} dy={dy} textAnchor={anchor} fontSize={FONT} className="fill-slate-600">
        {formattedValue}
      </text>
    );
  }
  return TickLabel;
}

/** Integer ticks from 0 to the top of a "nice" scale, about `count` of them. */
function integerTicks(scale: { ticks: (count?: number) => number[] }, count: number): number[] {
  return scale.ticks(count).filter((value) => Number.isInteger(value));
}

/**
 * Bars of several series stacked per column, with a y axis of integer counts and an x
 * axis of the columns' labels, each titled. With `label` the drawing is an image of that
 * name (role="img"); without, it is hidden from assistive technology, whose reader
 * then gets the figures from the table that goes with it.
 */
export function StackedBarChart<K extends string>({
  columns,
  series,
  width,
  height,
  xTitle,
  yTitle,
  tickEvery = 1,
  slot,
  titles = true,
  formatNumber,
  label,
  className,
  testId,
}: {
  columns: ChartColumn<K>[];
  series: readonly ChartSeries<K>[];
  /** The drawing's own units (its viewBox); CSS may scale it. */
  width: number;
  height: number;
  xTitle: string;
  yTitle: string;
  /** Label every n-th column, counted back from the last one, which is always labelled. */
  tickEvery?: number;
  /** Each column's width at most, the columns then starting on the left; else they fill the width. */
  slot?: number;
  /** Each column's title, shown where a pointer rests (a phone has none: its drawing leaves them out). */
  titles?: boolean;
  formatNumber: (value: number) => string;
  label?: string;
  className?: string;
  testId?: string;
}) {
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const totals = columns.map((column) => series.reduce((sum, s) => sum + column.values[s.key], 0));
  const y = scaleLinear<number>({
    domain: [0, Math.max(1, ...totals)],
    range: [innerHeight, 0],
    nice: true,
  });
  const yTicks = integerTicks(y, 5);
  const x = scaleBand<string>({
    domain: columns.map((column) => column.id),
    range: [0, slot ? Math.min(innerWidth, slot * columns.length) : innerWidth],
    paddingInner: columns.length > 40 ? 0.15 : 0.25,
    paddingOuter: 0.1,
  });
  const ticks = new Map(columns.map((column) => [column.id, column.tick]));
  const xTicks = columns
    .filter((_, index) => (columns.length - 1 - index) % tickEvery === 0)
    .map((column) => column.id);
  const step = x.step();
  // Where the columns end: the whole width, or less when each column's width is capped (`slot`).
  const plotWidth = x.range()[1];
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className={className}
      data-testid={testId}
      {...(label ? { role: "img", "aria-label": label } : { "aria-hidden": true })}
    >
      <Group left={MARGIN.left} top={MARGIN.top}>
        {yTicks.map((value) => (
          <line key={value} x1={0} x2={plotWidth} y1={y(value)} y2={y(value)} className="stroke-slate-200" />
        ))}
        {columns.map((column) => {
          const left = x(column.id) ?? 0;
          let stacked = 0;
          return (
            // A thin white edge between the stacked parts, set once per column.
            <g key={column.id} className="stroke-white" strokeWidth={0.5}>
              {titles && (
                <>
                  <title>{column.title}</title>
                  {/* The whole column answers the pointer, so that an empty or thin bar shows its title too. */}
                  <rect
                    x={round(left - (step - x.bandwidth()) / 2)}
                    y={0}
                    width={round(step)}
                    height={innerHeight}
                    className="fill-transparent stroke-none"
                  />
                </>
              )}
              {series.map((s) => {
                const value = column.values[s.key];
                if (value <= 0) return null;
                const bottom = y(stacked);
                stacked += value;
                const top = y(stacked);
                return (
                  <rect
                    key={s.key}
                    x={round(left)}
                    y={round(top)}
                    width={round(x.bandwidth())}
                    height={Math.max(0, round(round(bottom) - round(top)))}
                    className={s.barClass}
                  />
                );
              })}
            </g>
          );
        })}
        <AxisLeft
          scale={y}
          tickValues={yTicks}
          tickFormat={(value) => formatNumber(Number(value))}
          tickLength={4}
          stroke="currentColor"
          tickStroke="currentColor"
          axisClassName="text-slate-400"
          tickComponent={tickLabel("end", "0.32em")}
        />
        <AxisBottom
          top={innerHeight}
          scale={x}
          tickValues={xTicks}
          tickFormat={(id) => ticks.get(String(id)) ?? ""}
          tickLength={4}
          stroke="currentColor"
          tickStroke="currentColor"
          axisClassName="text-slate-400"
          tickComponent={tickLabel("middle", "0.2em")}
        />
        <text
          x={plotWidth / 2}
          y={innerHeight + MARGIN.bottom - 6}
          textAnchor="middle"
          fontSize={FONT}
          className="fill-slate-700"
          data-axis="x"
        >
          {xTitle}
        </text>
        <text
          transform={`translate(${-MARGIN.left + FONT + 2}, ${innerHeight / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={FONT}
          className="fill-slate-700"
          data-axis="y"
        >
          {yTitle}
        </text>
      </Group>
    </svg>
  );
}
