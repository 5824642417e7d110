import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { getTranslator } from "@/lib/i18n/server";

export default async function TenantOverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "tenant.read", `/t/${tenant}`);
  const t = await getTranslator();
  return (
    <section>
      <h1 className="text-2xl font-semibold" data-testid="tenant-name">
        {ctx.tenantName}
      </h1>
      <p className="mt-1 text-slate-600">
        {t(ctx.role === "admin" ? "common.roles.admin" : "common.roles.member")}
      </p>
    </section>
  );
}
