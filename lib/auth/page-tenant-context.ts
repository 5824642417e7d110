import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors/domain-error";
import type { Permission } from "./permissions";
import { requirePageUser } from "./session";
import { resolveTenantContext, type TenantContext } from "./tenant-context";

/**
 * For pages under /t/[tenant]: the signed-in person's context in that
 * tenant, a redirect to sign-in, or Next's not-found page (a tenant that is
 * not theirs, or a permission their role lacks, looks like nothing there).
 */
export async function requirePageTenant(
  slug: string,
  permission: Permission,
  path: string,
): Promise<TenantContext> {
  const user = await requirePageUser(path);
  try {
    return await resolveTenantContext(user, slug, permission);
  } catch (error) {
    if (error instanceof DomainError) notFound();
    throw error;
  }
}
