import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionDetails } from "@/components/connections/connection-details";
import { RevokeButton } from "@/components/connections/revoke-button";
import { SendTestMailButton } from "@/components/outbox/send-test-mail-button";
import { ConnectLinksSection } from "@/components/mailboxes/connect-links-section";
import { authorizeUrl, deviceUrl } from "@/components/mailboxes/connect-link-urls";
import { ConnectionStateBadge } from "@/components/mailboxes/connection-state-badge";
import { DeleteMailboxButton } from "@/components/mailboxes/delete-mailbox-button";
import { MailboxActivity } from "@/components/mailboxes/mailbox-activity";
import { MailboxMembersForm } from "@/components/mailboxes/mailbox-members-form";
import { MailboxScopes } from "@/components/mailboxes/mailbox-scopes";
import { MailboxSettingsForm } from "@/components/mailboxes/mailbox-settings-form";
import { SwitchToGraphButton } from "@/components/mailboxes/switch-transport-button";
import { DomainError } from "@/lib/auth/errors";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { listConnectLinks } from "@/lib/connect-links/list-connect-links";
import { getTranslator } from "@/lib/i18n/server";
import { getMailbox } from "@/lib/mailboxes/get-mailbox";
import { listMailboxFormOptions } from "@/lib/mailboxes/list-mailbox-form-options";
import { countQueuedMail } from "@/lib/revocation/count-queued-mail";
import { revocableStates } from "@/lib/revocation/revocable-states";
import { getConnectionDetails } from "@/lib/tokens/get-connection-details";
import { SMTP_AUTH_DISABLED } from "@/lib/tokens/restore-config-error-connections";
import { TRANSPORT_NEEDS_CONSENT } from "@/lib/transports/settle-transport-change";
import { transportProblem } from "@/lib/transports/transport-problem";

const primary = "inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700";
const secondary =
  "inline-block rounded border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50";

/** A foreign, unassigned or malformed id is Next's not-found page, like a mailbox that does not exist. */
async function mailboxOrNotFound(ctx: TenantContext, id: string) {
  try {
    return await getMailbox(ctx, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function MailboxPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await requirePageTenant(tenant, "tenant.read", `/t/${tenant}/mailboxes/${id}`);
  const [t, mailbox] = await Promise.all([getTranslator(), mailboxOrNotFound(ctx, id)]);
  const [connection, queuedMail] = await Promise.all([
    getConnectionDetails(ctx, mailbox.id),
    countQueuedMail(ctx, mailbox.id),
  ]);
  const [options, links] = mailbox.canManage
    ? await Promise.all([listMailboxFormOptions(ctx), listConnectLinks(ctx, { mailboxId: mailbox.id })])
    : [null, []];
  const moment = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
  const when = (date: Date | null) => (date ? moment.format(date) : t("common.never"));
  const connectLabel =
    mailbox.state === "pending" || mailbox.state === "revoked"
      ? t("mailboxes.page.connect")
      : mailbox.state === "insufficient_scope"
        ? t("mailboxes.page.retry")
        : t("mailboxes.page.reconnect");
  const fix = mailbox.canManage ? "fix" : "ownerFix";
  const details: [string, string][] = [
    [t("mailboxes.page.authorizedAccount"), mailbox.authorizedAccount ?? "—"],
    [t("mailboxes.page.connectedAt"), when(mailbox.connectedAt)],
    [
      t("mailboxes.page.accessTokenExpires"),
      mailbox.accessTokenExpiresAt ? when(mailbox.accessTokenExpiresAt) : "—",
    ],
    [t("mailboxes.page.refreshToken"), mailbox.hasRefreshToken ? t("common.yes") : t("common.no")],
    [
      t("mailboxes.page.refreshTokenExpires"),
      mailbox.refreshTokenExpiresAt
        ? when(mailbox.refreshTokenExpiresAt)
        : t("mailboxes.table.expiryUnknown"),
    ],
    [t("mailboxes.page.lastRefresh"), when(mailbox.lastRefreshAt)],
    [t("mailboxes.page.lastUse"), when(mailbox.lastUsedAt)],
  ];
  const base = `/t/${ctx.tenantSlug}`;
  const transportWords = t(`clients.transports.${mailbox.effectiveTransport}`);
  // Microsoft has SMTP AUTH off for it: words, and the way out through Microsoft Graph.
  const smtpAuthOff = mailbox.state === "config_error" && mailbox.lastErrorCode === SMTP_AUTH_DISABLED;
  const graphOffered = transportProblem(mailbox.configuration, "graph") === null;
  const fixText =
    mailbox.state === "insufficient_scope" && mailbox.lastErrorCode === TRANSPORT_NEEDS_CONSENT
      ? t(`mailboxes.needsConsent.${fix}`, { transport: transportWords })
      : t(`mailboxes.states.${mailbox.state}.${fix}`);

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

      <section
        aria-labelledby="connection-heading"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="connection-heading" className="text-lg font-semibold">
          {t("mailboxes.page.connection")}
        </h2>
        <div className="space-y-2" data-testid="mailbox-state" data-state={mailbox.state}>
          <ConnectionStateBadge
            state={mailbox.state}
            label={
              smtpAuthOff ? t("mailboxes.smtpAuthOff.label") : t(`mailboxes.states.${mailbox.state}.label`)
            }
          />
          <h3 className="pt-1 text-sm font-medium text-slate-600">{t("mailboxes.page.fixTitle")}</h3>
          {smtpAuthOff ? (
            <div
              className="space-y-3 rounded border border-amber-300 bg-amber-50 p-3 text-amber-950"
              data-testid="mailbox-smtp-auth-off"
            >
              <p className="font-medium">{t("mailboxes.smtpAuthOff.title")}</p>
              <p className="text-sm">
                {mailbox.canManage ? t("mailboxes.smtpAuthOff.body") : t("mailboxes.smtpAuthOff.ownerBody")}
              </p>
              {mailbox.canManage && graphOffered && (
                <>
                  <SwitchToGraphButton
                    tenant={ctx.tenantSlug}
                    mailboxId={mailbox.id}
                    beside={
                      <Link
                        href={`${base}/clients/${mailbox.configuration.id}?transport=graph#client-transport`}
                        className={secondary}
                        data-testid="mailbox-switch-configuration"
                      >
                        {t("mailboxes.smtpAuthOff.switchConfiguration")}
                      </Link>
                    }
                  />
                  <p className="text-xs">{t("mailboxes.smtpAuthOff.switchHint")}</p>
                </>
              )}
              <p className="text-xs text-amber-900/80">
                {t("mailboxes.page.errorCode", { code: SMTP_AUTH_DISABLED })}
              </p>
            </div>
          ) : (
            <p className="text-slate-800">{fixText}</p>
          )}
          {mailbox.state === "config_error" && !smtpAuthOff && mailbox.canManage && (
            <p>
              <Link href={`${base}/clients/${mailbox.configuration.id}`} className="text-brand-700 underline">
                {t("mailboxes.page.openConfiguration")}
              </Link>
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {/* A plain link: the authorization route redirects to the provider. */}
          <a
            href={authorizeUrl(ctx.tenantSlug, mailbox.id)}
            className={primary}
            data-testid="mailbox-connect"
          >
            {connectLabel}
          </a>
          {mailbox.deviceFlow && (
            <Link
              href={deviceUrl(ctx.tenantSlug, mailbox.id)}
              className={secondary}
              data-testid="mailbox-device"
              title={t("mailboxes.page.deviceHint")}
            >
              {t("mailboxes.page.device")}
            </Link>
          )}
        </div>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]" data-testid="mailbox-details">
          {details.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-slate-600">{term}</dt>
              <dd className="wrap-anywhere">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <ConnectionDetails details={connection} summary />
      {mailbox.state === "connected" && <SendTestMailButton tenant={ctx.tenantSlug} mailboxId={mailbox.id} />}
      {revocableStates.includes(mailbox.state) && (
        <RevokeButton
          tenant={ctx.tenantSlug}
          mailbox={{ id: mailbox.id, address: mailbox.address }}
          provider={connection.provider}
          queuedMail={queuedMail}
        />
      )}

      <MailboxScopes
        required={mailbox.requiredScopes}
        granted={mailbox.grantedScopes}
        missing={mailbox.missingScopes}
      />

      <MailboxActivity ctx={ctx} mailboxId={mailbox.id} />

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
                created: moment.format(link.createdAt),
                expires: moment.format(link.expiresAt),
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
