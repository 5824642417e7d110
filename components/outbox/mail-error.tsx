import Link from "next/link";
import { authorizeUrl } from "@/components/mailboxes/connect-link-urls";
import { SendConnectLinkButton } from "@/components/mailboxes/send-connect-link-button";
import type { Translator } from "@/lib/i18n/translate";
import type { MailErrorExplanation } from "@/lib/outbox/explain-mail-error";

/**
 * A mail's last error in words, with what fixes it beside it while the mail
 * is held (Reconnect; for admins, Send a reconnect link), and the recorded
 * code, small, for support.
 */
export function MailError({
  t,
  error,
  held,
  tenant,
  mailboxId,
  canManageMailboxes,
}: {
  t: Translator;
  error: MailErrorExplanation;
  /** Fixes are offered only while the mail waits for them. */
  held: boolean;
  tenant: string;
  mailboxId: string;
  canManageMailboxes: boolean;
}) {
  const link =
    "rounded border border-brand-600 bg-white px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50";
  return (
    <div className="space-y-1 break-normal" data-testid="mail-last-error">
      <p>{t(error.reason)}</p>
      {error.cause && <p className="text-slate-700">{t(error.cause)}</p>}
      {held && error.fix && (
        <div className="flex flex-wrap items-center gap-2 pt-1">
          {error.fix === "reconnect" ? (
            <>
              {/* A plain link: the authorization route redirects to the provider. */}
              <a href={authorizeUrl(tenant, mailboxId)} className={link} data-testid="mail-reconnect">
                {t("outbox.fixes.reconnect")}
              </a>
              {canManageMailboxes && (
                <SendConnectLinkButton
                  tenant={tenant}
                  mailboxId={mailboxId}
                  label={t("outbox.fixes.sendReconnectLink")}
                />
              )}
            </>
          ) : (
            <Link href={`/t/${tenant}/mailboxes/${mailboxId}#health`} className={link}>
              {t("outbox.fixes.openMailbox")}
            </Link>
          )}
        </div>
      )}
      <p className="text-xs break-all text-slate-500">
        {t("mailboxes.health.support")} <code>{error.raw}</code>
      </p>
    </div>
  );
}
