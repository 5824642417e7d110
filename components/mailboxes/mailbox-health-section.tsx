import Link from "next/link";
import { RevokeButton } from "@/components/connections/revoke-button";
import { SendTestMailButton } from "@/components/outbox/send-test-mail-button";
import { senderWords } from "@/components/outbox/sender-options";
import type { DateConventions } from "@/lib/i18n/dates/formats";
import { getTranslator } from "@/lib/i18n/server";
import type { MailboxDetails } from "@/lib/mailboxes/get-mailbox";
import { mailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import type { ProviderKind } from "@/lib/oauth/presets";
import { sendingVerdict } from "@/lib/outbox/sending-verdict";
import { revocableStates } from "@/lib/revocation/revocable-states";
import { authorizeUrl, deviceUrl } from "./connect-link-urls";
import { MailboxHealthLine } from "./mailbox-health-line";
import { SendConnectLinkButton } from "./send-connect-link-button";
import { SwitchToGraphButton } from "./switch-transport-button";

const primary = "inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700";
const secondary =
  "inline-block rounded border border-brand-600 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50";

/**
 * The top of a mailbox's page: its health line in full (cause, advice, code
 * for support), the fixes this reader may use beside it, then what can be
 * done with a working connection (a test mail, revoking it).
 */
export async function MailboxHealthSection({
  tenant,
  dates,
  mailbox,
  provider,
  graphOffered,
}: {
  tenant: string;
  /** The reader's conventions, in the school's time zone. */
  dates: DateConventions;
  mailbox: MailboxDetails;
  provider: ProviderKind;
  /** Microsoft Graph is a way out for this configuration (transportProblem is null). */
  graphOffered: boolean;
}) {
  const t = await getTranslator();
  const { health } = mailbox;
  const words = mailboxHealthWords(t, dates, health, mailbox.canManage ? "admin" : "owner");
  const base = `/t/${tenant}`;
  const fixes = new Set(health.fixes);
  const connect = fixes.has("connect") ? "connect" : fixes.has("reconnect") ? "reconnect" : null;
  // What a test mail queued now would do: leave, wait (said before queuing), or nothing (revoked).
  const sender = senderWords(
    t,
    { ...mailbox, verdict: sendingVerdict(health.code) },
    { tenant, canManage: mailbox.canManage, dates },
  );
  return (
    <section
      id="health"
      aria-labelledby="health-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="health-heading" className="text-lg font-semibold">
        {t("mailboxes.health.title")}
      </h2>
      <div data-testid="mailbox-state" data-state={mailbox.state}>
        <div data-testid={health.code === "smtp_auth_disabled" ? "mailbox-smtp-auth-off" : undefined}>
          <MailboxHealthLine
            words={words}
            full
            supportLabel={t("mailboxes.health.support")}
            testId="mailbox-health"
          >
            {connect && (
              // A plain link: the authorization route redirects to the provider.
              <a href={authorizeUrl(tenant, mailbox.id)} className={primary} data-testid="mailbox-connect">
                {t(`mailboxes.health.fixes.${connect}`)}
              </a>
            )}
            {connect && mailbox.deviceFlow && (
              <Link
                href={deviceUrl(tenant, mailbox.id)}
                className={secondary}
                data-testid="mailbox-device"
                title={t("mailboxes.page.deviceHint")}
              >
                {t("mailboxes.page.device")}
              </Link>
            )}
            {mailbox.canManage && fixes.has("send_connect_link") && (
              <SendConnectLinkButton
                tenant={tenant}
                mailboxId={mailbox.id}
                label={t(
                  connect === "reconnect"
                    ? "mailboxes.health.fixes.sendReconnectLink"
                    : "mailboxes.health.fixes.sendConnectLink",
                )}
              />
            )}
            {mailbox.canManage && fixes.has("open_configuration") && (
              <Link href={`${base}/clients/${mailbox.configuration.id}`} className={secondary}>
                {t("mailboxes.health.fixes.openConfiguration")}
              </Link>
            )}
            {mailbox.canManage && fixes.has("change_delegate") && (
              <Link href="#settings-heading" className={secondary}>
                {t("mailboxes.health.fixes.changeDelegate")}
              </Link>
            )}
            {mailbox.canManage && fixes.has("switch_to_graph") && graphOffered && (
              <div className="space-y-2">
                <SwitchToGraphButton
                  tenant={tenant}
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
                <p className="text-xs text-slate-700">{t("mailboxes.smtpAuthOff.switchHint")}</p>
              </div>
            )}
          </MailboxHealthLine>
        </div>
      </div>
      {(sender.verdict !== "refuse" || revocableStates.includes(mailbox.state)) && (
        <div className="flex flex-wrap items-start gap-3">
          {sender.verdict !== "refuse" && (
            <SendTestMailButton
              tenant={tenant}
              mailboxId={mailbox.id}
              warning={sender.warning}
              fix={sender.fixes.find((f) => f.kind === "connect")}
            />
          )}
          {revocableStates.includes(mailbox.state) && (
            <RevokeButton
              tenant={tenant}
              mailbox={{ id: mailbox.id, address: mailbox.address }}
              provider={provider}
              queuedMail={health.waitingMail}
            />
          )}
        </div>
      )}
    </section>
  );
}
