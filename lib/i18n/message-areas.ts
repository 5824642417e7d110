import type { Catalog } from "./catalog";

/** One file of the catalog: `mailboxes`, `clients`… */
export type MessageArea = keyof Catalog;

/** Part of a catalog: what a page's client components may read. */
export type CatalogPart = Partial<Catalog>;

/**
 * The areas every page's client components may use: the header, the menus,
 * the language switch, the generic error. Pages add theirs with
 * `withMessages` (docs/i18n.md).
 */
export const shellAreas = ["common", "errors"] as const satisfies readonly MessageArea[];

export function pickAreas(catalog: Catalog, areas: readonly MessageArea[]): CatalogPart {
  const part: Record<string, unknown> = {};
  for (const area of areas) part[area] = catalog[area];
  return part as CatalogPart;
}
