import Link from "next/link";
import { MailStatusBadge } from "@/components/outbox/mail-status-badge";
import { auditActionLabel } from "@/lib/audit/audit-labels";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { getTranslator } from "@/lib/i18n/server";
import { listMailboxActivity } from "@/lib/mailboxes/list-mailbox-activity";

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";
const section = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";

/** A mailbox's last mails (linking to the outbox) and its audit trail, on its page. */
export async function MailboxActivity({ ctx, mailboxId }: { ctx: TenantContext; mailboxId: string }) {
  const [t, { mails, audit }] = await Promise.all([getTranslator(), listMailboxActivity(ctx, mailboxId)]);
  const moment = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
  const base = `/t/${ctx.tenantSlug}`;
  return (
    <>
      <section aria-labelledby="recent-mail-heading" className={section} data-testid="mailbox-recent-mail">
        <h2 id="recent-mail-heading" className="text-lg font-semibold">
          {t("dashboard.activity.mailHeading")}
        </h2>
        {mails.length === 0 ? (
          <p className="text-sm text-slate-600">{t("dashboard.activity.noMail")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("dashboard.activity.mailCaption")}</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className={th}>
                    {t("dashboard.activity.subject")}
                  </th>
                  <th scope="col" className={th}>
                    {t("dashboard.activity.to")}
                  </th>
                  <th scope="col" className={th}>
                    {t("dashboard.activity.status")}
                  </th>
                  <th scope="col" className={th}>
                    {t("dashboard.activity.created")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {mails.map((mail) => (
                  <tr key={mail.id} className="border-b border-slate-100 last:border-0">
                    <td className={td}>
                      <Link href={`${base}/outbox/${mail.id}`} className="text-brand-700 underline">
                        {mail.subject || "—"}
                      </Link>
                    </td>
                    <td className={`${td} break-all`}>{mail.to.join(", ")}</td>
                    <td className={td}>
                      <MailStatusBadge status={mail.status} label={t(`outbox.statuses.${mail.status}`)} />
                    </td>
                    <td className={td}>{moment.format(mail.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Link href={`${base}/outbox?mailbox=${mailboxId}`} className="text-sm text-brand-700 underline">
          {t("dashboard.activity.allMail")}
        </Link>
      </section>
      {audit && (
        <section aria-labelledby="mailbox-audit-heading" className={section} data-testid="mailbox-audit">
          <h2 id="mailbox-audit-heading" className="text-lg font-semibold">
            {t("dashboard.activity.auditHeading")}
          </h2>
          {audit.length === 0 ? (
            <p className="text-sm text-slate-600">{t("dashboard.activity.noAudit")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("dashboard.activity.auditCaption")}</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className={th}>
                      {t("dashboard.activity.when")}
                    </th>
                    <th scope="col" className={th}>
                      {t("dashboard.activity.who")}
                    </th>
                    <th scope="col" className={th}>
                      {t("dashboard.activity.what")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {audit.map((entry) => (
                    <tr key={String(entry.id)} className="border-b border-slate-100 last:border-0">
                      <td className={td}>{moment.format(entry.createdAt)}</td>
                      <td className={`${td} break-all`}>{entry.actorLabel}</td>
                      <td className={td}>{auditActionLabel(t, entry.action)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
