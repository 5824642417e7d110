/**
 * Development helpers (the captured-mail page) that must never be reachable
 * on a production instance: they show other people's sign-in links.
 * On with `next dev`, or explicitly with RELAIS_DEV_TOOLS=true for demos and
 * browser tests.
 */
export function devToolsEnabled(): boolean {
  return process.env.RELAIS_DEV_TOOLS === "true" || process.env.NODE_ENV === "development";
}
