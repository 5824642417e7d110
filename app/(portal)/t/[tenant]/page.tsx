import Link from "next/link";
import { EndingConnectionsChart } from "@/components/dashboard/ending-connections";
import { MailActivityChart } from "@/components/dashboard/mail-activity-chart";
import { TenantDashboard } from "@/components/dashboard/tenant-dashboard";
import { MailboxHealthLine } from "@/components/mailboxes/mailbox-health-line";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { countEndingConnections } from "@/lib/dashboard/count-ending-connections";
import { getMailActivity } from "@/lib/dashboard/get-mail-activity";
import { DYING_WITHIN_DAYS, getTenantDashboard } from "@/lib/dashboard/get-tenant-dashboard";
import { parseMailActivityRange } from "@/lib/dashboard/mail-activity-range";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { listMyMailboxes } from "@/lib/mailboxes/list-my-mailboxes";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import { withMessages } from "@/components/i18n/with-messages";

async function TenantOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "tenant.read", `/t/${tenant}`);
  const [t, dates] = await Promise.all([getTranslator(), getDateConventions(ctx.timeZone)]);
  const isAdmin = can(ctx, "mailboxes.read");
  const heading = (
    <header>
      <h1 className="text-2xl font-semibold" data-testid="tenant-name">
        {ctx.tenantName}
      </h1>
      <p className="mt-1 text-slate-600">
        {t(ctx.role === "admin" ? "common.roles.admin" : "common.roles.member")}
      </p>
    </header>
  );
  if (isAdmin) {
    const range = parseMailActivityRange((await searchParams).range);
    const [figures, activity, ending] = await Promise.all([
      getTenantDashboard(ctx),
      getMailActivity(ctx, range),
      countEndingConnections(ctx),
    ]);
    const base = `/t/${ctx.tenantSlug}`;
    return (
      <section className="space-y-4">
        {heading}
        <TenantDashboard
          tenant={ctx.tenantSlug}
          initial={figures}
          dyingDays={DYING_WITHIN_DAYS}
          activity={<MailActivityChart activity={activity} base={base} />}
          ending={<EndingConnectionsChart ending={ending} base={base} />}
        />
      </section>
    );
  }
  const mine = await listMyMailboxes(ctx);
  return (
    <section className="space-y-4" data-testid="member-overview">
      {heading}
      <p>{t("dashboard.member.intro")}</p>
      {mine.length === 0 ? (
        <p className="text-slate-600">{t("dashboard.member.none")}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
            <caption className="sr-only">{t("dashboard.member.caption")}</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("dashboard.member.address")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("dashboard.member.state")}
                </th>
              </tr>
            </thead>
            <tbody>
              {mine.map((m) => (
                <tr key={m.id} className="border-t border-slate-200">
                  <td className="px-3 py-2 wrap-anywhere" data-column="address">
                    {m.address}
                  </td>
                  <td className="px-3 py-2" data-column="state">
                    <MailboxHealthLine words={mailboxHealthWords(t, dates, m.health, "owner")} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Link
        href={`/t/${ctx.tenantSlug}/my-mailboxes`}
        className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
      >
        {t("dashboard.member.open")}
      </Link>
    </section>
  );
}

export default withMessages(["mailboxes", "dashboard"], TenantOverviewPage);
