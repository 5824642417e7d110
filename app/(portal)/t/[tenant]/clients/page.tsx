import Link from "next/link";
import { ClientsTable } from "@/components/clients/clients-table";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { listClientConfigurations } from "@/lib/clients/list-client-configurations";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { withMessages } from "@/components/i18n/with-messages";

async function ClientsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "clients.read", `/t/${tenant}/clients`);
  const [t, dates, configurations] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listClientConfigurations(ctx),
  ]);
  const canWrite = can(ctx, "clients.write");
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("clients.title")}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">{t("clients.intro")}</p>
        </div>
        {canWrite && (
          <Link
            href={`/t/${ctx.tenantSlug}/clients/new`}
            data-testid="client-new"
            className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            {t("clients.newButton")}
          </Link>
        )}
      </header>
      <ClientsTable
        tenant={ctx.tenantSlug}
        canWrite={canWrite}
        rows={configurations.map((c) => ({
          id: c.id,
          name: c.name,
          provider: c.provider,
          clientId: c.clientId,
          flowLabel: t(`clients.flows.${c.defaultFlow}`),
          transportLabel: t(`clients.transports.${c.transport}`),
          mailboxCount: c.mailboxCount,
          warnings: c.warnings,
          broken: c.broken !== null,
          // Briefly, and only when it calls for action: within 30 days, or expired.
          secretExpiry:
            c.secretExpiry && c.secretExpiry.tone !== "later"
              ? {
                  expired: c.secretExpiry.seenExpired || c.secretExpiry.daysLeft < 0,
                  daysLeft: c.secretExpiry.daysLeft,
                }
              : null,
          lastTest:
            c.lastTestedAt && c.lastTestOutcome
              ? { when: formatMoment(dates, c.lastTestedAt), outcome: c.lastTestOutcome }
              : null,
        }))}
      />
    </div>
  );
}

export default withMessages(["clients"], ClientsPage);
