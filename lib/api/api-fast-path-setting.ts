/**
 * Whether the portal's server answers the API's submissions itself, before
 * Next.js (lib/api/api-fast-path.ts, docs/api-submission.md): on the
 * production server on PostgreSQL, unless RELAIS_API_FAST_PATH=false. The
 * embedded database stays with the routes, whose modules hold it (one PGlite
 * per folder), and `next dev` too, whose routes reload as they change.
 */
export function apiFastPathEnabled(env: Record<string, string | undefined>): boolean {
  return Boolean(env.DATABASE_URL) && env.NODE_ENV === "production" && env.RELAIS_API_FAST_PATH !== "false";
}
