import { DomainError } from "@/lib/errors/domain-error";
import type { Permission } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/auth/session";
import { resolveTenantContext, type TenantContext } from "@/lib/auth/tenant-context";

export type RouteTenantAccess =
  | { ok: true; ctx: TenantContext }
  | { ok: false; status: 401; error: "unauthenticated" }
  | { ok: false; status: 404; error: "not_found" };

/**
 * For route handlers under a tenant: the session and the permission, checked
 * by the handler itself (a page's check does not protect a direct request).
 * A foreign tenant and a missing permission look the same: nothing here.
 */
export async function routeTenantContext(slug: string, permission: Permission): Promise<RouteTenantAccess> {
  const user = await getSessionUser();
  if (!user) return { ok: false, status: 401, error: "unauthenticated" };
  try {
    return { ok: true, ctx: await resolveTenantContext(user, slug, permission) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, status: 404, error: "not_found" };
    throw error;
  }
}
