import Link from "next/link";
import type { ReactNode } from "react";
import { AccountControls } from "@/components/account-controls";
import { HeaderMenu } from "@/components/header-menu";
import { SchoolTimeZone } from "@/components/i18n-provider";
import { TenantNav } from "@/components/tenant-nav";
import { TenantSwitcher } from "@/components/tenant-switcher";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { listMyTenants } from "@/lib/tenants/list-my-tenants";
import { rememberTenantVisit } from "@/lib/tenants/remember-tenant-visit";

export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "tenant.read", `/t/${tenant}`);
  const [t, tenants] = await Promise.all([
    getTranslator(),
    listMyTenants(ctx.userId),
    rememberTenantVisit(ctx.userId, ctx.tenantId),
  ]);
  const base = `/t/${ctx.tenantSlug}`;
  const links = [
    { href: base, label: t("common.nav.overview"), show: true },
    { href: `${base}/members`, label: t("common.nav.members"), show: can(ctx, "members.read") },
    { href: `${base}/audit`, label: t("common.nav.audit"), show: can(ctx, "audit.read") },
    { href: `${base}/clients`, label: t("common.nav.clients"), show: can(ctx, "clients.read") },
    { href: `${base}/mailboxes`, label: t("common.nav.mailboxes"), show: can(ctx, "mailboxes.read") },
    { href: `${base}/campaigns`, label: t("common.nav.campaigns"), show: can(ctx, "mailboxes.write") },
    { href: `${base}/my-mailboxes`, label: t("common.nav.myMailboxes"), show: true },
    { href: `${base}/outbox`, label: t("common.nav.outbox"), show: can(ctx, "outbox.read") },
    { href: `${base}/api-keys`, label: t("common.nav.apiKeys"), show: can(ctx, "apiKeys.write") },
    { href: `${base}/webhooks`, label: t("common.nav.webhooks"), show: can(ctx, "webhooks.write") },
    { href: `${base}/relay`, label: t("common.nav.relay"), show: can(ctx, "relay.write") },
    { href: `${base}/migration`, label: t("common.nav.migration"), show: can(ctx, "migration.write") },
    { href: `${base}/settings`, label: t("common.nav.settings"), show: can(ctx, "tenant.write") },
  ];
  return (
    <div className="min-h-screen">
      {/* Not printed: a printed page (the relay's connection sheet) is about its own content. */}
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-3 px-4 py-3">
          <Link href={base} className="shrink-0 text-lg font-semibold text-brand-700">
            {t("common.appName")}
          </Link>
          <TenantSwitcher current={ctx.tenantSlug} tenants={tenants} />
          <HeaderMenu label={t("common.menu")}>
            <TenantNav
              label={t("common.appName")}
              links={links.filter((link) => link.show).map(({ href, label }) => ({ href, label }))}
            />
            <AccountControls email={ctx.userEmail} />
          </HeaderMenu>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">
        {/* Client components of the school's pages show dates in its zone, as its server components do. */}
        <SchoolTimeZone timeZone={ctx.timeZone}>{children}</SchoolTimeZone>
      </main>
    </div>
  );
}
