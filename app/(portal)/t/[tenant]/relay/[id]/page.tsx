import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ConnectionStateBadge } from "@/components/mailboxes/connection-state-badge";
import { RelayEvents } from "@/components/relay/relay-events";
import { RevokeRelayCredentialButton } from "@/components/relay/revoke-relay-credential-button";
import { DomainError } from "@/lib/errors/domain-error";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { outboxListQueryString } from "@/lib/outbox/outbox-list-query";
import { getRelayCredential } from "@/lib/relay-credentials/get-relay-credential";
import { withMessages } from "@/components/i18n/with-messages";

/** A foreign or malformed id is Next's not-found page, like a credential that does not exist. */
async function credentialOrNotFound(...args: Parameters<typeof getRelayCredential>) {
  try {
    return await getRelayCredential(...args);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}

async function RelayCredentialPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await requirePageTenant(tenant, "relay.write", `/t/${tenant}/relay/${id}`);
  const [t, dates, credential] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    credentialOrNotFound(ctx, id),
  ]);
  const base = `/t/${ctx.tenantSlug}`;
  const details: { label: string; value: ReactNode; testId: string }[] = [
    {
      label: t("relay.detail.username"),
      value: <code className="font-mono break-all">{credential.username}</code>,
      testId: "relay-detail-username",
    },
    {
      label: t("relay.detail.mailboxes"),
      value: (
        <ul className="space-y-1">
          {credential.mailboxes.map((mailbox) => (
            <li key={mailbox.id} className="flex flex-wrap items-center gap-2">
              <Link
                href={`${base}/mailboxes/${mailbox.id}`}
                className="wrap-anywhere text-brand-700 underline"
              >
                {mailbox.address}
              </Link>
              <ConnectionStateBadge
                state={mailbox.state}
                label={t(`mailboxes.states.${mailbox.state}.label`)}
              />
            </li>
          ))}
        </ul>
      ),
      testId: "relay-detail-mailboxes",
    },
    {
      label: t("relay.detail.fromPolicy"),
      value: (
        <>
          <span className="block font-medium">{t(`relay.policies.${credential.fromPolicy}.label`)}</span>
          <span className="block text-slate-600">{t(`relay.policies.${credential.fromPolicy}.hint`)}</span>
        </>
      ),
      testId: "relay-detail-policy",
    },
    {
      label: t("relay.detail.networks"),
      value:
        credential.allowedNetworks.length === 0 ? (
          t("relay.detail.anyAddress")
        ) : (
          <span className="font-mono wrap-anywhere">{credential.allowedNetworks.join(", ")}</span>
        ),
      testId: "relay-detail-networks",
    },
    {
      label: t("relay.detail.dailyCap"),
      value:
        credential.dailyCap === null
          ? t("relay.detail.noCap")
          : t("relay.detail.dailyCapValue", { count: credential.dailyCap }),
      testId: "relay-detail-cap",
    },
    {
      label: t("relay.detail.mailLastDay"),
      value: (
        <>
          {t("relay.detail.mailLastDayValue", { count: credential.mailLastDay })}{" "}
          <Link
            href={`${base}/outbox${outboxListQueryString({ credentialId: credential.id })}`}
            className="text-brand-700 underline"
            data-testid="relay-outbox-link"
          >
            {t("relay.detail.outbox")}
          </Link>
        </>
      ),
      testId: "relay-detail-mail",
    },
    {
      label: t("relay.detail.created"),
      value: formatMoment(dates, credential.createdAt),
      testId: "relay-detail-created",
    },
    {
      label: t("relay.detail.firstUsed"),
      value: credential.firstUsedAt ? formatMoment(dates, credential.firstUsedAt) : t("common.never"),
      testId: "relay-detail-first-used",
    },
    {
      label: t("relay.detail.lastUsed"),
      value: credential.lastUsedAt
        ? credential.lastUsedIp
          ? t("relay.list.lastUsedFrom", {
              date: formatMoment(dates, credential.lastUsedAt),
              ip: credential.lastUsedIp,
            })
          : formatMoment(dates, credential.lastUsedAt)
        : t("common.never"),
      testId: "relay-detail-last-used",
    },
    {
      label: t("relay.detail.state"),
      value: credential.revokedAt ? (
        <span className="font-medium text-red-800">
          {t("relay.detail.revokedOn", { date: formatMoment(dates, credential.revokedAt) })}
        </span>
      ) : (
        <span className="flex flex-wrap items-center gap-3">
          <span className="font-medium text-green-800">{t("relay.list.active")}</span>
          <RevokeRelayCredentialButton tenant={ctx.tenantSlug} id={credential.id} name={credential.name} />
        </span>
      ),
      testId: "relay-detail-state",
    },
  ];
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <Link href={`${base}/relay`} className="text-sm text-brand-700 hover:underline">
          {t("relay.detail.back")}
        </Link>
        <h1 className="text-2xl font-semibold break-words" data-testid="relay-detail-name">
          {credential.name}
        </h1>
      </header>

      <section
        aria-labelledby="relay-credential-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="relay-credential-heading" className="text-lg font-semibold">
          {t("relay.detail.settings")}
        </h2>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
          {details.map(({ label, value, testId }) => (
            <div key={testId} className="contents">
              <dt className="font-medium text-slate-600">{label}</dt>
              <dd className="min-w-0 wrap-anywhere" data-testid={testId}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
        {!credential.revokedAt && <p className="text-sm text-slate-600">{t("relay.detail.passwordLost")}</p>}
      </section>

      <RelayEvents events={credential.events} dates={dates} />
    </div>
  );
}

export default withMessages(["relay"], RelayCredentialPage);
