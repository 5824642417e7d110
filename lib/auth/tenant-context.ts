import { getDb } from "@/lib/db/client";
import type { TenantRole } from "@/lib/db/generated/enums";
import { schoolLocale, type Locale } from "@/lib/i18n/locales";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { roleHas, type Permission } from "./permissions";

declare const tenantContextBrand: unique symbol;

/**
 * Proof that a signed-in person is a member of a tenant with a given role.
 * Only resolveTenantContext can make one (the brand cannot be forged from
 * outside this module), and every domain function on tenant data takes it
 * first and filters its queries by ctx.tenantId.
 */
export interface TenantContext {
  readonly [tenantContextBrand]: true;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly tenantName: string;
  /** The school's IANA time zone: its pages show dates in it (docs/dates-and-time-zones.md). */
  readonly timeZone: string;
  /** The school's language: mail to people who chose none is in it. */
  readonly tenantLocale: Locale;
  readonly userId: string;
  readonly userEmail: string;
  readonly role: TenantRole;
  /** Client IP of the request, for the audit log. */
  readonly ip: string | null;
}

export interface Actor {
  userId: string;
  email: string;
  ip: string | null;
}

/**
 * Loads the membership of `actor` in the tenant named by `slug` and checks
 * `permission`. A tenant the person does not belong to answers "not found",
 * exactly like a tenant that does not exist.
 */
export async function resolveTenantContext(
  actor: Actor,
  slug: string,
  permission: Permission,
): Promise<TenantContext> {
  const db = await getDb();
  const membership = await db.membership.findFirst({
    where: { userId: actor.userId, tenant: { slug, suspendedAt: null }, user: { disabledAt: null } },
    select: {
      role: true,
      tenant: { select: { id: true, slug: true, name: true, timeZone: true, locale: true } },
    },
  });
  if (!membership) throw notFound();
  if (!roleHas(membership.role, permission)) {
    throw new DomainError("forbidden", "errors.forbidden");
  }
  return {
    tenantId: membership.tenant.id,
    tenantSlug: membership.tenant.slug,
    tenantName: membership.tenant.name,
    timeZone: membership.tenant.timeZone,
    tenantLocale: schoolLocale(membership.tenant.locale),
    userId: actor.userId,
    userEmail: actor.email,
    role: membership.role,
    ip: actor.ip,
  } as TenantContext;
}

export function can(ctx: TenantContext, permission: Permission): boolean {
  return roleHas(ctx.role, permission);
}
