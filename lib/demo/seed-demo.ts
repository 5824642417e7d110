import type { Db } from "@/lib/db/client";
import type { TenantRole } from "@/lib/db/generated/enums";
import { hashPassword } from "@/lib/auth/password";

/** Printed by `npm run demo` and written in the README: a demo holds nothing worth protecting. */
export const demoPassword = "relais-demo-password";

export const demoTenants = [
  { slug: "demo", name: "École de démonstration" },
  { slug: "demo-lycee", name: "Lycée de démonstration" },
] as const;

type DemoSlug = (typeof demoTenants)[number]["slug"];

export const demoAccounts: {
  email: string;
  name: string;
  isOperator: boolean;
  memberships: { slug: DemoSlug; role: TenantRole }[];
}[] = [
  {
    email: "admin@demo.relais.test",
    name: "Alice Admin",
    isOperator: false,
    memberships: [
      { slug: "demo", role: "admin" },
      { slug: "demo-lycee", role: "admin" },
    ],
  },
  {
    email: "teacher@demo.relais.test",
    name: "Thomas Teacher",
    isOperator: false,
    memberships: [{ slug: "demo", role: "member" }],
  },
  { email: "operator@demo.relais.test", name: "Olivia Operator", isOperator: true, memberships: [] },
];

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
