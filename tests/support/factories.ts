import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { TenantRole } from "@/lib/db/generated/enums";
import { hashPassword } from "@/lib/auth/password";
import type { Permission } from "@/lib/auth/permissions";
import { resolveTenantContext, type TenantContext } from "@/lib/auth/tenant-context";

const unique = () => randomBytes(4).toString("hex");

export async function seedTenant(overrides: { slug?: string; name?: string } = {}) {
  const db = await getDb();
  const suffix = unique();
  return db.tenant.create({
    data: { slug: overrides.slug ?? `school-${suffix}`, name: overrides.name ?? `School ${suffix}` },
  });
}

export async function seedUser(
  overrides: { email?: string; name?: string; password?: string; isOperator?: boolean; locale?: string } = {},
) {
  const db = await getDb();
  const suffix = unique();
  return db.user.create({
    data: {
      email: overrides.email ?? `person-${suffix}@school.test`,
      name: overrides.name ?? `Person ${suffix}`,
      passwordHash: overrides.password ? await hashPassword(overrides.password) : null,
      isOperator: overrides.isOperator ?? false,
      locale: overrides.locale ?? null,
    },
  });
}

export async function seedMember(
  tenantId: string,
  role: TenantRole,
  overrides: Parameters<typeof seedUser>[0] = {},
) {
  const db = await getDb();
  const user = await seedUser(overrides);
  await db.membership.create({ data: { tenantId, userId: user.id, role } });
  return user;
}

/** A tenant context as the session check would make it, for calling domain functions directly. */
export async function contextFor(
  user: { id: string; email: string },
  tenant: { slug: string },
  permission: Permission = "tenant.read",
): Promise<TenantContext> {
  return resolveTenantContext(
    { userId: user.id, email: user.email, ip: "203.0.113.7" },
    tenant.slug,
    permission,
  );
}

/** A tenant with an admin and a member, the usual starting point. */
export async function seedTenantWithPeople() {
  const tenant = await seedTenant();
  const admin = await seedMember(tenant.id, "admin");
  const member = await seedMember(tenant.id, "member");
  return { tenant, admin, member };
}
