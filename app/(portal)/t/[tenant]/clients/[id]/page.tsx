import { isUuid } from "@/lib/ids/is-uuid";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClientForm } from "@/components/clients/client-form";
import { ClientTestPanel } from "@/components/clients/client-test-panel";
import { ConfigurationPreflight } from "@/components/clients/configuration-preflight";
import { ClientWarnings } from "@/components/clients/client-warnings";
import { ReconsentList } from "@/components/clients/reconsent-list";
import { RedirectUriField } from "@/components/clients/redirect-uri-field";
import { RegistrationHelp } from "@/components/clients/registration-help";
import { SecretExpiryNotice } from "@/components/clients/secret-expiry-notice";
import { NextStepsNotice } from "@/components/ui/next-steps-notice";
import { DomainError } from "@/lib/errors/domain-error";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can, type TenantContext } from "@/lib/auth/tenant-context";
import { formatExpiryDay, secretExpiryStatus, secretFixFamily } from "@/lib/clients/client-secret-expiry";
import { formValuesOf } from "@/lib/clients/client-form-values";
import { getClientConfiguration } from "@/lib/clients/get-client-configuration";
import { listConnectedMailboxes } from "@/lib/clients/list-connected-mailboxes";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { oauthRedirectUri } from "@/lib/oauth/redirect-uri";
import { platformApplicationSummary } from "@/lib/platform/platform-application";
import { listReconsentMailboxes } from "@/lib/mailboxes/list-reconsent-mailboxes";
import { mailTransports, type MailTransport } from "@/lib/transports/mail-transports";
import { withMessages } from "@/components/i18n/with-messages";

async function loadOr404(ctx: TenantContext, id: string) {
  // A malformed id never reaches the database; a foreign one looks like no configuration at all.
  if (!isUuid(id)) notFound();
  try {
    return await getClientConfiguration(ctx, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}

const isTransport = (value: unknown): value is MailTransport =>
  mailTransports.includes(value as MailTransport);

async function ClientConfigurationPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  /**
   * `?transport=graph`: that transport chosen in the form, saved only when the admin saves.
   * `?created=1`: just created, so the page offers the next steps.
   */
  searchParams: Promise<{ transport?: string | string[]; created?: string }>;
}) {
  const { tenant, id } = await params;
  const { transport: proposed, created } = await searchParams;
  const ctx = await requirePageTenant(tenant, "clients.read", `/t/${tenant}/clients/${id}`);
  const config = await loadOr404(ctx, id);
  const canWrite = can(ctx, "clients.write");
  // The preflight tries a mailbox too: for those who may manage both.
  const canPreflight = canWrite && can(ctx, "mailboxes.write");
  const [t, dates, reconsent, connected] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listReconsentMailboxes(ctx, config.id),
    canPreflight ? listConnectedMailboxes(ctx, config.id) : [],
  ]);
  const redirectUri = oauthRedirectUri();
  const usesPlatform = config.provider === "platform_microsoft";
  const secretExpiry = usesPlatform ? null : secretExpiryStatus(config, new Date());

  return (
    <div className="space-y-6">
      <header>
        <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-sm text-brand-700 hover:underline">
          {t("clients.page.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold" data-testid="client-title">
          {config.name}
        </h1>
        <p className="mt-1 text-slate-600">
          {t(`clients.providers.${config.provider}`)} ·{" "}
          <span data-testid="client-transport-summary" data-transport={config.transport}>
            {t("clients.page.transport", { transport: t(`clients.transports.${config.transport}`) })}
          </span>{" "}
          · {t("clients.page.mailboxes", { count: config.mailboxCount })}
        </p>
        {!canWrite && <p className="mt-1 text-sm text-slate-600">{t("clients.page.readOnly")}</p>}
      </header>
      {created && canWrite && (
        <NextStepsNotice
          title={t("clients.created.title", { name: config.name })}
          intro={t("clients.created.intro")}
          steps={[
            { href: "#client-test-title", label: t("clients.created.test"), testId: "next-step-test" },
            ...(can(ctx, "mailboxes.write")
              ? [
                  {
                    href: `/t/${ctx.tenantSlug}/mailboxes/new?configuration=${config.id}`,
                    label: t("clients.created.addMailbox"),
                    testId: "next-step-add-mailbox",
                  },
                  {
                    href: `/t/${ctx.tenantSlug}/mailboxes/import`,
                    label: t("clients.created.importMailboxes"),
                  },
                ]
              : []),
          ]}
        />
      )}
      {config.brokenAt && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("clients.page.broken", { when: formatMoment(dates, config.brokenAt) })}
        </p>
      )}
      {secretExpiry && (
        <SecretExpiryNotice
          status={secretExpiry}
          date={formatExpiryDay(dates, secretExpiry.expiresOn)}
          family={secretFixFamily(config)}
        />
      )}
      <ClientWarnings warnings={config.warnings} />
      {reconsent.total > 0 && (
        <ReconsentList
          tenant={ctx.tenantSlug}
          mailboxes={reconsent.mailboxes}
          total={reconsent.total}
          canSend={can(ctx, "mailboxes.write")}
        />
      )}
      {!usesPlatform && <RedirectUriField redirectUri={redirectUri} />}
      <ClientForm
        tenant={ctx.tenantSlug}
        id={config.id}
        initial={formValuesOf(config)}
        storedSecret={{ hasSecret: config.hasSecret, hint: config.secretHint }}
        platform={platformApplicationSummary()}
        readOnly={!canWrite}
        proposedTransport={canWrite && isTransport(proposed) ? proposed : undefined}
      />
      <ClientTestPanel
        tenant={ctx.tenantSlug}
        id={config.id}
        canTest={canWrite}
        lastTest={
          config.lastTestedAt && config.lastTestOutcome
            ? { when: formatMoment(dates, config.lastTestedAt), outcome: config.lastTestOutcome }
            : null
        }
      />
      {canPreflight && (
        <ConfigurationPreflight tenant={ctx.tenantSlug} id={config.id} mailboxes={connected} />
      )}
      {!usesPlatform && (
        <RegistrationHelp
          redirectUri={redirectUri}
          open={
            config.provider === "google"
              ? "google"
              : config.provider === "microsoft"
                ? "microsoft"
                : undefined
          }
        />
      )}
    </div>
  );
}

export default withMessages(["clients", "mailboxes"], ClientConfigurationPage);
