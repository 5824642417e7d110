import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { requirePageUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { landingTenantSlug } from "@/lib/tenants/landing-tenant";

export const dynamic = "force-dynamic";

/** Sends a person to the school they used last, an operator with no school to the platform page. */
export default async function HomePage() {
  const user = await requirePageUser("/");
  const slug = await landingTenantSlug(user.userId);
  if (slug) redirect(`/t/${encodeURIComponent(slug)}`);
  if (user.isOperator) redirect("/operator");
  const t = await getTranslator();
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("common.noTenant.title")}</h1>
      <p className="mt-2 text-slate-600">{t("common.noTenant.body", { email: user.email })}</p>
      <div className="mt-6">
        <SignOutButton />
      </div>
    </main>
  );
}
