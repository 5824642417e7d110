import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { demoAccounts, demoPassword, demoTenants } from "./demo-accounts";

/**
 * Creates the demo tenants and accounts that are missing. Run again, it
 * changes nothing that exists, so that what a person did in the demo (a
 * changed password, a removed member) survives a restart.
 */
export async function seedDemo(db: Db): Promise<void> {
  const tenantIds = new Map<string, string>();
  for (const tenant of demoTenants) {
    const row = await db.tenant.upsert({ where: { slug: tenant.slug }, create: tenant, update: {} });
    tenantIds.set(tenant.slug, row.id);
  }
  for (const account of demoAccounts) {
    if (await db.user.findUnique({ where: { email: account.email }, select: { id: true } })) continue;
    await db.user.create({
      data: {
        email: account.email,
        name: account.name,
        isOperator: account.isOperator,
        passwordHash: await hashPassword(demoPassword),
        memberships: {
          create: account.memberships.map(({ slug, role }) => ({ tenantId: tenantIds.get(slug)!, role })),
        },
      },
    });
  }
}
