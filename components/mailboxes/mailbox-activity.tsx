import Link from "next/link";
import { AuditDetails } from "@/components/audit/audit-details";
import { MailStatusBadge } from "@/components/outbox/mail-status-badge";
import { stackedTable as stacked } from "@/components/ui/classes";
import { TableSection, tableCell as td } from "@/components/ui/table-section";
import { auditActionLabel } from "@/lib/audit/audit-labels";
import type { TenantContext } from "@/lib/auth/tenant-context";
import { formatPreciseMoment, formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import type { MailboxActivity as Activity } from "@/lib/mailboxes/list-mailbox-activity";

/** A mailbox's last mails (linking to the outbox) and its audit trail, on its page: the page reads them. */
export async function MailboxActivity({
  ctx,
  mailboxId,
  activity,
}: {
  ctx: TenantContext;
  mailboxId: string;
  activity: Activity;
}) {
  const { mails, audit } = activity;
  const [t, dates] = await Promise.all([getTranslator(), getDateConventions(ctx.timeZone)]);
  const base = `/t/${ctx.tenantSlug}`;
  return (
    <>
      <TableSection
        id="recent-mail-heading"
        testId="mailbox-recent-mail"
        heading={t("dashboard.activity.mailHeading")}
        caption={t("dashboard.activity.mailCaption")}
        empty={t("dashboard.activity.noMail")}
        columns={[
          t("dashboard.activity.subject"),
          t("dashboard.activity.to"),
          t("dashboard.activity.status"),
          t("dashboard.activity.created"),
        ]}
        // On a phone each mail is a card: its subject and status first, the rest under their column's name.
        stacked
        rows={
          mails.length === 0
            ? null
            : mails.map((mail) => (
                <tr
                  key={mail.id}
                  className={`border-b border-slate-100 last:border-0 ${stacked.row} max-sm:px-0`}
                >
                  <td className={`${td} ${stacked.cell} ${stacked.first}`}>
                    <Link href={`${base}/outbox/${mail.id}`} className="text-brand-700 underline">
                      {mail.bodyPurgedAt ? (
                        <span className="italic">{t("outbox.content.deletedTitle")}</span>
                      ) : (
                        mail.subject || "—"
                      )}
                    </Link>
                  </td>
                  <td
                    className={`${td} ${stacked.cell} ${stacked.labelled} min-w-40 break-all max-sm:min-w-0`}
                    data-label={t("dashboard.activity.to")}
                  >
                    {mail.to.join(", ")}
                  </td>
                  <td className={`${td} ${stacked.cell} ${stacked.first}`}>
                    <MailStatusBadge status={mail.status} label={t(`outbox.statuses.${mail.status}`)} />
                  </td>
                  <td
                    className={`${td} ${stacked.cell} ${stacked.labelled}`}
                    data-label={t("dashboard.activity.created")}
                  >
                    {formatMoment(dates, mail.createdAt)}
                  </td>
                </tr>
              ))
        }
        footer={
          <Link href={`${base}/outbox?mailbox=${mailboxId}`} className="text-sm text-brand-700 underline">
            {t("dashboard.activity.allMail")}
          </Link>
        }
      />
      {audit && (
        <TableSection
          id="mailbox-audit-heading"
          testId="mailbox-audit"
          heading={t("dashboard.activity.auditHeading")}
          caption={t("dashboard.activity.auditCaption")}
          empty={t("dashboard.activity.noAudit")}
          columns={[
            t("dashboard.activity.when"),
            t("dashboard.activity.who"),
            t("dashboard.activity.what"),
            t("audit.columns.details"),
          ]}
          rows={
            audit.length === 0
              ? null
              : audit.map((entry) => (
                  <tr key={String(entry.id)} className="border-b border-slate-100 last:border-0">
                    <td className={td}>{formatPreciseMoment(dates, entry.createdAt)}</td>
                    <td className={`${td} min-w-40 break-all`}>{entry.actorLabel}</td>
                    <td className={td}>{auditActionLabel(t, entry.action)}</td>
                    <td className={`${td} min-w-56 text-xs text-slate-700`}>
                      <AuditDetails t={t} dates={dates} action={entry.action} details={entry.details} />
                    </td>
                  </tr>
                ))
          }
        />
      )}
    </>
  );
}
