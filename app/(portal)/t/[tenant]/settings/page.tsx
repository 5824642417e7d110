import Link from "next/link";
import { MailRetentionForm } from "@/components/settings/mail-retention-form";
import { SchoolRegionForm } from "@/components/settings/school-region-form";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { timeZoneChoices } from "@/lib/i18n/dates/time-zones";
import { schoolLocale } from "@/lib/i18n/locales";
import { getTranslator } from "@/lib/i18n/server";
import { getTenantSettings } from "@/lib/tenants/tenant-settings";
import { withMessages } from "@/components/i18n/with-messages";

/** The school's own settings, for its administrators (permission tenant.write). */
async function TenantSettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "tenant.write", `/t/${tenant}/settings`);
  const [t, settings] = await Promise.all([getTranslator(), getTenantSettings(ctx)]);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("settings.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("settings.intro", { tenant: ctx.tenantName })}</p>
      </header>
      <section
        aria-labelledby="retention-heading"
        className="max-w-3xl space-y-3 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="retention-heading" className="text-lg font-semibold">
          {t("settings.retention.heading")}
        </h2>
        <p className="text-sm text-slate-700">{t("settings.retention.explanation")}</p>
        <MailRetentionForm tenant={ctx.tenantSlug} days={settings.mailBodyRetentionDays} />
      </section>
      <section
        aria-labelledby="region-heading"
        className="max-w-3xl space-y-3 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="region-heading" className="text-lg font-semibold">
          {t("settings.region.heading")}
        </h2>
        <p className="text-sm text-slate-700">{t("settings.region.explanation")}</p>
        <p className="text-sm font-medium" data-testid="region-current">
          {t("settings.region.current", { zone: settings.timeZone })}
        </p>
        <SchoolRegionForm
          tenant={ctx.tenantSlug}
          locale={schoolLocale(settings.locale)}
          timeZone={settings.timeZone}
          timeZones={timeZoneChoices()}
        />
      </section>
      <section
        aria-labelledby="personal-data-heading"
        className="max-w-3xl space-y-2 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="personal-data-heading" className="text-lg font-semibold">
          {t("settings.personalData.heading")}
        </h2>
        <p className="text-sm text-slate-700">{t("settings.personalData.body")}</p>
        <Link href={`/t/${ctx.tenantSlug}/members`} className="text-sm text-brand-700 underline">
          {t("settings.personalData.membersLink")}
        </Link>
      </section>
    </div>
  );
}

export default withMessages(["settings"], TenantSettingsPage);
