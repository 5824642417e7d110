import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountControls } from "@/components/account-controls";
import { HeaderMenu } from "@/components/header-menu";
import { SchoolActivity } from "@/components/operator/school-activity";
import { requirePageUser } from "@/lib/auth/session";
import { parseMailActivityRange } from "@/lib/dashboard/mail-activity-range";
import { formatDay } from "@/lib/i18n/dates/formats";
import { timeZoneChoices } from "@/lib/i18n/dates/time-zones";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { getOperatorOverview } from "@/lib/operator/get-operator-overview";
import { stackedTable as stacked } from "@/components/ui/classes";
import { CreateTenantForm } from "./create-tenant-form";
import { InviteAdminForm } from "./invite-admin-form";
import { TenantSuspensionButton } from "./tenant-suspension-button";
import { withMessages } from "@/components/i18n/with-messages";

export const dynamic = "force-dynamic";

async function OperatorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("/operator");
  // Not an operator: the page does not exist for them.
  if (!user.isOperator) notFound();
  const range = parseMailActivityRange((await searchParams).range);
  const [t, dates, overview] = await Promise.all([
    getTranslator(),
    getDateConventions(),
    getOperatorOverview(new Date(), range),
  ]);
  const { tenants, platformApplication: platform, health, workers } = overview;
  // On a phone each school is a card: its name and status first, the rest under their column's name.
  const td = `py-2 pr-4 ${stacked.cell}`;
  const labelled = `${td} ${stacked.labelled}`;
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-3 px-4 py-3">
          <Link href="/" className="shrink-0 text-lg font-semibold text-brand-700">
            {t("common.appName")}
          </Link>
          <span className="min-w-0 text-sm text-slate-600">{t("common.roles.operator")}</span>
          <HeaderMenu label={t("common.menu")}>
            <AccountControls email={user.email} />
          </HeaderMenu>
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
            // relative: the visually hidden texts in its cells stay inside this scrolling box on a phone.
            <div className="relative overflow-x-auto">
              <table
                className={`mt-2 w-full border-collapse text-left text-sm ${stacked.table}`}
                data-testid="tenant-table"
              >
                <caption className="sr-only">{t("operator.tenants.heading")}</caption>
                <thead className={stacked.head}>
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
                    <th scope="col" className="py-2 pr-4">
                      {t("dashboard.operator.mailboxes")}
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      {t("dashboard.operator.queue")}
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      {t("operator.tenants.status")}
                    </th>
                    <th scope="col" className="py-2">
                      {t("dashboard.operator.actions")}
                    </th>
                  </tr>
                </thead>
                <tbody className={stacked.body}>
                  {tenants.map((tenant) => (
                    <tr
                      key={tenant.id}
                      className={`border-b border-slate-200 ${stacked.row} max-sm:px-0`}
                      data-testid="tenant-row"
                    >
                      <td className={`${td} ${stacked.first} font-medium break-words`}>{tenant.name}</td>
                      <td className={`${labelled} font-mono`} data-label={t("operator.tenants.slug")}>
                        {tenant.slug}
                      </td>
                      <td
                        className={`${labelled} text-right max-sm:text-left`}
                        data-label={t("operator.tenants.members")}
                      >
                        {tenant.memberCount}
                        {tenant.adminCount === 0 && (
                          <span className="block text-xs text-amber-800" data-testid="tenant-no-admin">
                            {t("operator.inviteAdmin.noAdmin")}
                          </span>
                        )}
                      </td>
                      <td className={labelled} data-label={t("operator.tenants.created")}>
                        {formatDay(dates, tenant.createdAt)}
                      </td>
                      <td
                        className={labelled}
                        data-label={t("dashboard.operator.mailboxes")}
                        data-testid="tenant-mailboxes"
                      >
                        {t("dashboard.operator.mailboxesCell", {
                          connected: tenant.mailboxes.connected ?? 0,
                          total: Object.values(tenant.mailboxes).reduce((sum, n) => sum + n, 0),
                          broken:
                            (tenant.mailboxes.needs_reconnect ?? 0) +
                            (tenant.mailboxes.insufficient_scope ?? 0) +
                            (tenant.mailboxes.config_error ?? 0),
                        })}
                      </td>
                      <td
                        className={labelled}
                        data-label={t("dashboard.operator.queue")}
                        data-testid="tenant-queue"
                      >
                        {t("dashboard.operator.queueCell", {
                          queued: tenant.mail.queued ?? 0,
                          held: tenant.mail.held ?? 0,
                          sending: tenant.mail.sending ?? 0,
                        })}
                      </td>
                      <td className={`${td} ${stacked.first}`} data-testid="tenant-status">
                        {t(tenant.suspendedAt ? "operator.tenants.suspended" : "operator.tenants.active")}
                      </td>
                      <td className={`py-2 ${stacked.cell}`}>
                        <TenantSuspensionButton
                          id={tenant.id}
                          name={tenant.name}
                          suspended={Boolean(tenant.suspendedAt)}
                        />
                        {/* Open where the school has nobody to manage it: the operator's next step. */}
                        <InviteAdminForm id={tenant.id} name={tenant.name} open={tenant.adminCount === 0} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {tenants.length > 0 && <SchoolActivity tenants={tenants} range={overview.range} />}
        <div className="grid gap-6 md:grid-cols-2">
          <section aria-labelledby="platform-heading" data-testid="platform-application">
            <h2 id="platform-heading" className="mb-2 text-lg font-semibold">
              {t("dashboard.operator.platformHeading")}
            </h2>
            <p className="text-sm">
              {platform.configured
                ? t("dashboard.operator.platformConfigured", { clientId: platform.clientId ?? "" })
                : t(
                    platform.invalid
                      ? "dashboard.operator.platformInvalid"
                      : "dashboard.operator.platformMissing",
                  )}
            </p>
          </section>
          <section aria-labelledby="health-heading" data-testid="platform-health">
            <h2 id="health-heading" className="mb-2 text-lg font-semibold">
              {t("dashboard.operator.healthHeading")}
            </h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt>
                {t("dashboard.operator.database", {
                  kind: t(`dashboard.operator.databaseKinds.${health.kind}`),
                })}
              </dt>
              <dd data-testid="health-database" data-status={health.status}>
                {health.reachable
                  ? t("dashboard.operator.databaseOk", { ms: health.latencyMs ?? 0 })
                  : t("dashboard.operator.databaseDown")}
              </dd>
              <dt>{t("dashboard.operator.workers")}</dt>
              <dd data-testid="health-workers">{workers.active}</dd>
              <dt>{t("dashboard.operator.oldestDue")}</dt>
              <dd data-testid="health-oldest-due">
                {workers.oldestDueQueuedSeconds === null
                  ? t("dashboard.operator.oldestDueNone")
                  : t("dashboard.operator.seconds", { seconds: workers.oldestDueQueuedSeconds })}
              </dd>
            </dl>
          </section>
        </div>
        <section aria-labelledby="create-heading">
          <h2 id="create-heading" className="mb-3 text-lg font-semibold">
            {t("operator.create.heading")}
          </h2>
          <CreateTenantForm timeZones={timeZoneChoices()} />
        </section>
      </main>
    </div>
  );
}

export default withMessages(["operator", "dashboard", "settings"], OperatorPage);
