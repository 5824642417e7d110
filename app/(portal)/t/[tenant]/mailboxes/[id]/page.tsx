import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionDetails } from "@/components/connections/connection-details";
import { ConnectLinksSection } from "@/components/mailboxes/connect-links-section";
import { authorizeUrl } from "@/components/mailboxes/connect-link-urls";
import { DeleteMailboxButton } from "@/components/mailboxes/delete-mailbox-button";
import { MailboxActivity } from "@/components/mailboxes/mailbox-activity";
import { listMailboxActivity } from "@/lib/mailboxes/list-mailbox-activity";
import { MailboxHealthSection } from "@/components/mailboxes/mailbox-health-section";
import { MailboxMembersForm } from "@/components/mailboxes/mailbox-members-form";
import { MailboxPreflight } from "@/components/mailboxes/mailbox-preflight";
import { MailboxScopes } from "@/components/mailboxes/mailbox-scopes";
import { MailboxSettingsForm } from "@/components/mailboxes/mailbox-settings-form";
import { NextStepsNotice } from "@/components/ui/next-steps-notice";
import { DomainError } from "@/lib/errors/domain-error";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { listConnectLinks } from "@/lib/connect-links/list-connect-links";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { listMailboxFormOptions } from "@/lib/mailboxes/list-mailbox-form-options";
import { mailboxPermissionFor } from "@/lib/auth/mailbox-scope";
import { getConnectionDetails } from "@/lib/tokens/get-connection-details";
import { transportProblem } from "@/lib/transports/transport-problem";
import { withMessages } from "@/components/i18n/with-messages";

/** A foreign, unassigned or malformed id is Next's not-found page, like a mailbox that does not exist. */
async function mailboxOrNotFound(ctx: TenantContext, id: string) {
  try {
    return await getMailbox(ctx, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}

async function MailboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  /** `?created=1`: just added, so the page offers the next steps. */
  searchParams: Promise<{ created?: string }>;
}) {
  const { tenant, id } = await params;
  const { created } = await searchParams;
  const ctx = await requirePageTenant(tenant, mailboxPermissionFor("see"), `/t/${tenant}/mailboxes/${id}`);
  const [t, dates, mailbox] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    mailboxOrNotFound(ctx, id),
  ]);
  const [connection, activity] = await Promise.all([
    getConnectionDetails(ctx, mailbox.id),
    listMailboxActivity(ctx, mailbox.id),
  ]);
  const [options, links] = mailbox.canManage
    ? await Promise.all([listMailboxFormOptions(ctx), listConnectLinks(ctx, { mailboxId: mailbox.id })])
    : [null, []];
  const base = `/t/${ctx.tenantSlug}`;
  const transportWords = t(`clients.transports.${mailbox.effectiveTransport}`);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Link
          href={mailbox.canManage ? `${base}/mailboxes` : `${base}/my-mailboxes`}
          className="text-sm text-brand-700 hover:underline"
        >
          {mailbox.canManage ? t("mailboxes.page.back") : t("mailboxes.page.backMine")}
        </Link>
        <h1 className="text-2xl font-semibold break-all" data-testid="mailbox-address-heading">
          {mailbox.address}
        </h1>
        {mailbox.displayName && <p className="text-slate-600">{mailbox.displayName}</p>}
        <p className="text-sm">
          <span className="text-slate-600">{t("mailboxes.page.configuration")}</span>{" "}
          {mailbox.canManage ? (
            <Link href={`${base}/clients/${mailbox.configuration.id}`} className="text-brand-700 underline">
              {mailbox.configuration.name}
            </Link>
          ) : (
            mailbox.configuration.name
          )}
        </p>
        <p
          className="text-sm"
          data-testid="mailbox-transport-summary"
          data-transport={mailbox.effectiveTransport}
        >
          <span className="text-slate-600">{t("mailboxes.page.sendsThrough")}</span>{" "}
          {mailbox.transport
            ? t("mailboxes.page.transportOwn", { transport: transportWords })
            : t("mailboxes.page.transportInherited", { transport: transportWords })}
        </p>
        {mailbox.delegateAccount && (
          <p className="text-sm break-words" data-testid="mailbox-sent-as">
            {t("mailboxes.page.sentAs", { address: mailbox.address, delegate: mailbox.delegateAccount })}
          </p>
        )}
        {mailbox.delegateAccount && (mailbox.state === "needs_reconnect" || mailbox.state === "revoked") && (
          <p className="text-sm break-words text-amber-800" data-testid="mailbox-delegate-gone">
            {t("mailboxes.page.delegateGone", {
              address: mailbox.address,
              delegate: mailbox.delegateAccount,
            })}
          </p>
        )}
        {!mailbox.canManage && <p className="text-sm text-slate-500">{t("mailboxes.page.memberView")}</p>}
      </header>

      {created && mailbox.canManage && mailbox.state === "pending" && (
        <NextStepsNotice
          title={t("mailboxes.created.title", { address: mailbox.address })}
          intro={t("mailboxes.created.intro")}
          steps={[
            {
              href: authorizeUrl(ctx.tenantSlug, mailbox.id),
              label: t("mailboxes.created.connect"),
              testId: "next-step-connect",
            },
            { href: "#links-heading", label: t("mailboxes.created.sendLink"), testId: "next-step-link" },
            { href: `${base}/mailboxes/new`, label: t("mailboxes.created.addAnother") },
          ]}
        />
      )}

      <MailboxHealthSection
        tenant={ctx.tenantSlug}
        dates={dates}
        mailbox={mailbox}
        provider={connection.provider}
        graphOffered={transportProblem(mailbox.configuration, "graph") === null}
      />

      <MailboxScopes
        required={mailbox.requiredScopes}
        granted={mailbox.grantedScopes}
        missing={mailbox.missingScopes}
        state={mailbox.state}
        hasRefreshToken={mailbox.hasRefreshToken}
      />

      <ConnectionDetails
        details={connection}
        dates={dates}
        reconnectHref={
          mailbox.health.fixes.some((fix) => fix === "connect" || fix === "reconnect")
            ? undefined
            : authorizeUrl(ctx.tenantSlug, mailbox.id)
        }
      />

      {mailbox.canManage && (
        <MailboxPreflight
          tenant={ctx.tenantSlug}
          mailboxId={mailbox.id}
          last={
            mailbox.lastPreflight
              ? {
                  when: formatMoment(dates, mailbox.lastPreflight.at),
                  trigger: mailbox.lastPreflight.trigger,
                  steps: mailbox.lastPreflight.steps,
                }
              : null
          }
        />
      )}

      <MailboxActivity ctx={ctx} mailboxId={mailbox.id} activity={activity} />

      {mailbox.canManage && options && (
        <>
          <section
            aria-labelledby="links-heading"
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h2 id="links-heading" className="text-lg font-semibold">
              {t("mailboxes.connectLinks.title")}
            </h2>
            <p className="text-sm text-slate-600">{t("mailboxes.connectLinks.intro")}</p>
            <ConnectLinksSection
              tenant={ctx.tenantSlug}
              mailboxId={mailbox.id}
              links={links.map((link) => ({
                id: link.id,
                created: formatMoment(dates, link.createdAt),
                expires: formatMoment(dates, link.expiresAt),
                createdBy: link.createdBy,
                sentTo: link.sentTo,
                state: link.state,
              }))}
            />
          </section>
          <section
            aria-labelledby="settings-heading"
            className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h2 id="settings-heading" className="text-lg font-semibold">
              {t("mailboxes.edit.title")}
            </h2>
            <MailboxSettingsForm
              tenant={ctx.tenantSlug}
              mailbox={{
                id: mailbox.id,
                displayName: mailbox.displayName,
                clientConfigurationId: mailbox.configuration.id,
                transport: mailbox.transport,
                delegateAccount: mailbox.delegateAccount,
              }}
              configurations={options.configurations}
            />
            <MailboxMembersForm
              tenant={ctx.tenantSlug}
              mailboxId={mailbox.id}
              members={options.members}
              assigned={mailbox.members.map((m) => m.id)}
            />
            <DeleteMailboxButton
              tenant={ctx.tenantSlug}
              mailbox={{ id: mailbox.id, address: mailbox.address }}
            />
          </section>
        </>
      )}
    </div>
  );
}

export default withMessages(["clients", "connections", "mailboxes", "outbox"], MailboxPage);
