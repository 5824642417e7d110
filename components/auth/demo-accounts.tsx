import { demoAccounts, demoPassword, demoTenants } from "@/dev/demo/demo-accounts";
import type { Translator } from "@/lib/i18n/translate";

function roleWords(t: Translator, account: (typeof demoAccounts)[number]): string {
  if (account.isOperator) return t("auth.signIn.demo.operator");
  if (account.memberships.some((m) => m.role === "admin")) return t("auth.signIn.demo.admin");
  const school = demoTenants.find((tenant) => tenant.slug === account.memberships[0]?.slug)?.name ?? "";
  return t("auth.signIn.demo.member", { school });
}

/** On the demo's sign-in page only: which accounts to sign in with, and what each one shows. */
export function DemoAccounts({ t }: { t: Translator }) {
  return (
    <section
      aria-labelledby="demo-accounts-heading"
      className="rounded border border-amber-300 bg-amber-50 p-3 text-sm"
      data-testid="demo-accounts"
    >
      <h2 id="demo-accounts-heading" className="font-semibold">
        {t("auth.signIn.demo.heading")}
      </h2>
      <p className="mt-1">{t("auth.signIn.demo.intro", { password: demoPassword })}</p>
      <dl className="mt-2 space-y-2">
        {demoAccounts.map((account) => (
          <div key={account.email}>
            <dt className="font-mono break-all">{account.email}</dt>
            <dd className="text-slate-700">{roleWords(t, account)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
