/* The demo's schools and accounts: data only, so that the sign-in page can list them. */

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
  memberships: { slug: DemoSlug; role: "admin" | "member" }[];
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
