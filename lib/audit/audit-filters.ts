import { z } from "zod";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { escapeLike } from "@/lib/db/escape-like";
import type { Prisma } from "@/lib/db/generated/client";
import { startOfDayIn } from "@/lib/i18n/dates/time-zones";

/** What a tenant admin narrows the audit log to; dates are whole days in the school's time zone, `to` included. */
export interface AuditFilters {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
}

/** Keyset position: entries older than `before`, or newer than `after` (entry ids). */
export interface AuditPage {
  before?: bigint;
  after?: bigint;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const entryId = z
  .string()
  .regex(/^\d{1,18}$/)
  .transform((id) => BigInt(id));
const fields = {
  action: text(100),
  actor: text(200),
  target: text(200),
  from: z.iso.date(),
  to: z.iso.date(),
} as const;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const one = Array.isArray(value) ? value[0] : value;
  return one?.trim() ? one : undefined;
}

/**
 * Reads filters and the page from a query string (the page's GET form, the
 * export link). A value that does not parse is left out and reported, so
 * that a mistyped date narrows nothing instead of failing the page.
 */
export function parseAuditQuery(params: Params): {
  filters: AuditFilters;
  page: AuditPage;
  ignored: boolean;
} {
  const filters: AuditFilters = {};
  let ignored = false;
  for (const name of Object.keys(fields) as (keyof typeof fields)[]) {
    const raw = first(params, name);
    if (raw === undefined) continue;
    const parsed = fields[name].safeParse(raw);
    if (parsed.success) filters[name] = parsed.data;
    else ignored = true;
  }
  const page: AuditPage = {};
  for (const name of ["before", "after"] as const) {
    const raw = first(params, name);
    if (raw === undefined) continue;
    const parsed = entryId.safeParse(raw);
    if (parsed.success) page[name] = parsed.data;
    else ignored = true;
  }
  return { filters, page, ignored };
}

/** The query string of a filtered view, for links (pages, export). */
export function auditQueryString(
  filters: AuditFilters,
  page: { before?: string; after?: string } = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...page })) {
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

const DAY_MS = 24 * 60 * 60 * 1000;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The entries of the context's tenant that match the filters; the tenant is always part of it. */
export function auditEntryWhere(ctx: TenantContext, filters: AuditFilters): Prisma.AuditEntryWhereInput {
  const contains = (value: string) => ({ contains: escapeLike(value), mode: "insensitive" as const });
  const where: Prisma.AuditEntryWhereInput = { tenantId: ctx.tenantId };
  if (filters.action) where.action = filters.action;
  if (filters.actor) where.actorLabel = contains(filters.actor);
  if (filters.target)
    where.OR = [{ targetLabel: contains(filters.target) }, { targetId: contains(filters.target) }];
  if (filters.from || filters.to) {
    where.createdAt = {
      ...(filters.from ? { gte: startOfDayIn(ctx.timeZone, filters.from) } : {}),
      ...(filters.to ? { lt: startOfDayIn(ctx.timeZone, nextDay(filters.to)) } : {}),
    };
  }
  return where;
}
