// The charts' colours as Tailwind classes, written out in full so that Tailwind finds
// them: bars are SVG (fill-…), legend swatches HTML (bg-…). The same three for mail
// everywhere, and three for the connections ending (sooner is darker).

export const mailSeries = [
  { key: "sent", label: "charts.mail.sent", barClass: "fill-brand-600", swatch: "bg-brand-600" },
  { key: "failed", label: "charts.mail.failed", barClass: "fill-red-600", swatch: "bg-red-600" },
  { key: "held", label: "charts.mail.held", barClass: "fill-amber-500", swatch: "bg-amber-500" },
] as const;

/** Ending within 30 days, 31 to 60, 61 to 90. */
export const endingSegments = [
  { upTo: 30, barClass: "fill-red-700", swatch: "bg-red-700" },
  { upTo: 60, barClass: "fill-amber-500", swatch: "bg-amber-500" },
  { upTo: 90, barClass: "fill-amber-200", swatch: "bg-amber-200" },
] as const;
