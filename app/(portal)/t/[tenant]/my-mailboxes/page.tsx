import Link from "next/link";
import { RevokeButton } from "@/components/connections/revoke-button";
import { SendTestMailButton } from "@/components/outbox/send-test-mail-button";
import { senderWords } from "@/components/outbox/sender-options";
import { authorizeUrl, deviceUrl } from "@/components/mailboxes/connect-link-urls";
import { MailboxHealthLine } from "@/components/mailboxes/mailbox-health-line";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { listMyMailboxes } from "@/lib/mailboxes/list-my-mailboxes";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import { sendingVerdict } from "@/lib/outbox/sending-verdict";
import { revocableStates } from "@/lib/revocation/revocable-states";
import { withMessages } from "@/components/i18n/with-messages";
import { AddressText } from "@/components/ui/address-text";

async function MyMailboxesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requirePageTenant(tenant, "tenant.read", `/t/${tenant}/my-mailboxes`);
  const [t, dates, mailboxes] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    listMyMailboxes(ctx),
  ]);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("mailboxes.mine.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("mailboxes.mine.intro")}</p>
      </header>
      {mailboxes.length === 0 ? (
        <p className="text-slate-600" data-testid="my-mailboxes-empty">
          {t("mailboxes.mine.empty", { tenant: ctx.tenantName })}
        </p>
      ) : (
        <ul className="space-y-3" data-testid="my-mailboxes">
          {mailboxes.map((mailbox) => {
            const { health } = mailbox;
            // What a test mail queued now would do: leave, wait (said before queuing), or nothing (revoked).
            const sender = senderWords(
              t,
              { ...mailbox, verdict: sendingVerdict(health.code) },
              {
                tenant: ctx.tenantSlug,
                canManage: false,
                dates,
                returnTo: `/t/${ctx.tenantSlug}/my-mailboxes`,
              },
            );
            // What its owner can do; the school's settings (config_error) are the admin's to fix.
            const action = health.fixes.includes("connect")
              ? "connect"
              : health.fixes.includes("reconnect")
                ? "reconnect"
                : null;
            return (
              <li
                key={mailbox.id}
                data-testid={`my-mailbox-${mailbox.address}`}
                className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
              >
                <div className="min-w-0 space-y-1">
                  <p className="font-medium break-words">
                    <AddressText address={mailbox.address} />
                  </p>
                  {mailbox.displayName && <p className="text-sm text-slate-600">{mailbox.displayName}</p>}
                  {mailbox.delegateAccount && (
                    // Connected with the delegate's own account, not the shared address's.
                    <p
                      className="text-sm break-words text-slate-600"
                      data-testid={`my-mailbox-delegate-${mailbox.address}`}
                    >
                      {t("mailboxes.mine.delegate", { delegate: mailbox.delegateAccount })}
                    </p>
                  )}
                </div>
                <div data-testid={`my-mailbox-state-${mailbox.address}`} data-state={mailbox.state}>
                  <MailboxHealthLine
                    words={mailboxHealthWords(t, dates, health, "owner")}
                    full={health.tone !== "good"}
                    supportLabel={t("mailboxes.health.support")}
                    testId={`my-mailbox-health-${mailbox.address}`}
                  >
                    {action && (
                      // A plain link: the authorization route redirects to the provider.
                      <a
                        href={authorizeUrl(ctx.tenantSlug, mailbox.id)}
                        data-testid={`my-mailbox-connect-${mailbox.address}`}
                        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
                      >
                        {t(`mailboxes.health.fixes.${action}`)}
                      </a>
                    )}
                    {action && mailbox.deviceFlow && (
                      <Link
                        href={deviceUrl(ctx.tenantSlug, mailbox.id)}
                        data-testid={`my-mailbox-device-${mailbox.address}`}
                        className="rounded border border-brand-600 bg-white px-3 py-2 text-sm text-brand-700 hover:bg-brand-50"
                      >
                        {t("mailboxes.mine.device")}
                      </Link>
                    )}
                  </MailboxHealthLine>
                </div>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                  <Link
                    href={`/t/${ctx.tenantSlug}/mailboxes/${mailbox.id}`}
                    className="text-sm text-brand-700 underline"
                  >
                    {t("mailboxes.mine.details")}
                  </Link>
                  <Link
                    href={`/t/${ctx.tenantSlug}/outbox?mailbox=${mailbox.id}`}
                    className="text-sm text-brand-700 underline"
                    data-testid={`my-mailbox-mail-${mailbox.address}`}
                  >
                    {t("dashboard.activity.allMail")}
                  </Link>
                  {sender.verdict !== "refuse" && (
                    <SendTestMailButton
                      tenant={ctx.tenantSlug}
                      mailboxId={mailbox.id}
                      warning={sender.warning}
                      fix={sender.fixes.find((f) => f.kind === "connect")}
                    />
                  )}
                  {revocableStates.includes(mailbox.state) && (
                    <RevokeButton
                      tenant={ctx.tenantSlug}
                      mailbox={{ id: mailbox.id, address: mailbox.address }}
                      provider={mailbox.configuration.provider}
                      queuedMail={health.waitingMail}
                    />
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export default withMessages(["connections", "outbox"], MyMailboxesPage);
