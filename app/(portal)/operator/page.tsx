import Link from "next/link";
import { notFound } from "next/navigation";
import { LanguageSwitch } from "@/components/language-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { requirePageUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listTenantsForOperator } from "@/lib/tenants/list-tenants-for-operator";
import { CreateTenantForm } from "./create-tenant-form";

export const dynamic = "force-dynamic";

export default async function OperatorPage() {
  const user = await requirePageUser("/operator");
  // Not an operator: the page does not exist for them.
  if (!user.isOperator) notFound();
  const [t, tenants] = await Promise.all([getTranslator(), listTenantsForOperator()]);
  const date = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-brand-700">
            {t("common.appName")}
          </Link>
          <span className="text-sm text-slate-600">{t("common.roles.operator")}</span>
          <div className="ml-auto flex items-center gap-3">
            <span className="text-sm text-slate-600" data-testid="current-user">
              {user.email}
            </span>
            <LanguageSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl space-y-10 px-4 py-6">
        <section aria-labelledby="tenants-heading">
          <h1 className="text-2xl font-semibold">{t("operator.title")}</h1>
          <p className="mt-1 text-slate-600">{t("operator.intro")}</p>
          <h2 id="tenants-heading" className="mt-6 text-lg font-semibold">
            {t("operator.tenants.heading")}
          </h2>
          {tenants.length === 0 ? (
            <p className="mt-2 text-slate-600" data-testid="tenants-empty">
              {t("operator.tenants.empty")}
            </p>
          ) : (
            <table className="mt-2 w-full border-collapse text-left text-sm" data-testid="tenant-table">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 pr-4">
                    {t("operator.tenants.name")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("operator.tenants.slug")}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t("operator.tenants.members")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("operator.tenants.created")}
                  </th>
                  <th scope="col" className="py-2">
                    {t("operator.tenants.status")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {tenants.map((tenant) => (
                  <tr key={tenant.id} className="border-b border-slate-200" data-testid="tenant-row">
                    <td className="py-2 pr-4 font-medium">{tenant.name}</td>
                    <td className="py-2 pr-4 font-mono">{tenant.slug}</td>
                    <td className="py-2 pr-4 text-right">{tenant.memberCount}</td>
                    <td className="py-2 pr-4">{date.format(tenant.createdAt)}</td>
                    <td className="py-2">
                      {t(tenant.suspendedAt ? "operator.tenants.suspended" : "operator.tenants.active")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="create-heading">
          <h2 id="create-heading" className="mb-3 text-lg font-semibold">
            {t("operator.create.heading")}
          </h2>
          <CreateTenantForm />
        </section>
      </main>
    </div>
  );
}
