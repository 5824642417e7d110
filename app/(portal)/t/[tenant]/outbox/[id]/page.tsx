import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { MailActionButton } from "@/components/outbox/mail-action-button";
import { MailError } from "@/components/outbox/mail-error";
import { MailStatusBadge } from "@/components/outbox/mail-status-badge";
import { DomainError } from "@/lib/errors/domain-error";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { can } from "@/lib/auth/tenant-context";
import { formatBytes } from "@/lib/i18n/formats";
import { formatDay, formatPreciseMoment, formatMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { isMessageKey } from "@/lib/i18n/translate";
import { attemptOutcomeLabel } from "@/lib/outbox/attempt-outcome-label";
import { explainMailError } from "@/lib/outbox/explain-mail-error";
import { getOutgoingMail } from "@/lib/outbox/get-outgoing-mail";
import { readRefusedRecipients } from "@/lib/outbox/refused-recipients";
import { withMessages } from "@/components/i18n/with-messages";

async function mailOrNotFound(...args: Parameters<typeof getOutgoingMail>) {
  try {
    return await getOutgoingMail(...args);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}

async function OutgoingMailPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await requirePageTenant(tenant, "outbox.read", `/t/${tenant}/outbox/${id}`);
  const [t, dates, mail] = await Promise.all([
    getTranslator(),
    getDateConventions(ctx.timeZone),
    mailOrNotFound({ kind: "person", ctx }, id),
  ]);
  const canWrite = can(ctx, "outbox.write");
  const sourceKey = `outbox.sources.${mail.source}`;
  const credential = mail.relayCredential;
  const credentialName = credential?.name ?? null;
  const { content } = mail;
  const lastError = explainMailError(mail.lastError, mail.status);
  const contentText =
    content.state === "deleted"
      ? content.afterDays === null
        ? t("outbox.content.deletedByErasure", { date: formatDay(dates, content.deletedAt) })
        : t("outbox.content.deletedAfter", {
            days: content.afterDays,
            date: formatDay(dates, content.deletedAt),
          })
      : content.state === "kept"
        ? t("outbox.content.keptUntil", {
            days: content.retentionDays,
            date: formatDay(dates, content.deleteAfter),
          })
        : t("outbox.content.waiting", { days: content.retentionDays });
  // [label, value, test id]; a row without a value is left out.
  const refused = readRefusedRecipients(mail.refusedRecipients);
  const rows: [string, ReactNode, string?][] = [
    [t("outbox.detail.messageId"), mail.messageId],
    [t("outbox.detail.from"), mail.mailbox.address],
    [t("outbox.detail.to"), mail.to.join(", ")],
    [t("outbox.detail.cc"), mail.cc.join(", ") || null],
    [t("outbox.detail.bcc"), mail.bcc.join(", ") || null],
    [t("outbox.detail.source"), isMessageKey(sourceKey) ? t(sourceKey) : mail.source, "mail-source"],
    [
      t("outbox.detail.relayCredential"),
      credential && can(ctx, "relay.write") ? (
        <Link href={`/t/${ctx.tenantSlug}/relay/${credential.id}`} className="text-brand-700 underline">
          {credentialName}
        </Link>
      ) : (
        credentialName
      ),
      "mail-relay-credential",
    ],
    [t("outbox.detail.clientIp"), mail.clientIp, "mail-client-ip"],
    [t("outbox.detail.created"), formatMoment(dates, mail.createdAt)],
    [
      t("outbox.detail.nextAttempt"),
      mail.status === "queued" ? formatMoment(dates, mail.nextAttemptAt) : null,
    ],
    [
      t("outbox.detail.sentAt"),
      mail.sentAt && mail.status === "sent" ? formatMoment(dates, mail.sentAt) : null,
    ],
    [t("outbox.detail.smtpResponse"), mail.smtpResponse],
    [
      t("outbox.detail.refusedRecipients"),
      refused.length > 0 ? (
        <ul className="space-y-1">
          {refused.map((r) => (
            <li key={r.address}>
              <span className="font-medium">{r.address}</span>{" "}
              <span className="font-mono text-xs text-slate-600">{r.response}</span>
            </li>
          ))}
        </ul>
      ) : null,
      "mail-refused-recipients",
    ],
    [
      t("outbox.detail.lastError"),
      lastError && (
        <MailError
          t={t}
          error={lastError}
          held={mail.status === "held"}
          tenant={ctx.tenantSlug}
          mailboxId={mail.mailbox.id}
          canManageMailboxes={can(ctx, "mailboxes.write")}
        />
      ),
    ],
    [
      t("outbox.detail.attachments"),
      mail.attachments.map((a) => `${a.filename} (${formatBytes(t, a.size)})`).join(", ") || null,
    ],
    [t("outbox.detail.content"), contentText, "mail-content"],
  ];
  return (
    <div className="space-y-6">
      <Link href={`/t/${ctx.tenantSlug}/outbox`} className="text-sm text-brand-700 underline">
        {t("outbox.detail.back")}
      </Link>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-words" data-testid="mail-subject">
          {content.state === "deleted" ? (
            <span className="text-slate-500 italic">{t("outbox.content.deletedTitle")}</span>
          ) : (
            mail.subject || "—"
          )}
        </h1>
        <MailStatusBadge status={mail.status} label={t(`outbox.statuses.${mail.status}`)} />
        {canWrite && mail.status === "failed" && content.state !== "deleted" && (
          <MailActionButton tenant={ctx.tenantSlug} id={mail.id} kind="retry" />
        )}
        {canWrite && (mail.status === "queued" || mail.status === "held") && (
          <MailActionButton tenant={ctx.tenantSlug} id={mail.id} kind="cancel" />
        )}
      </header>
      {mail.status === "sent" && refused.length > 0 && (
        <p
          className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="mail-partially-sent"
        >
          {t("outbox.detail.partiallySent", { count: refused.length })}
        </p>
      )}
      <dl className="grid gap-x-6 gap-y-2 rounded border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
        {rows
          .filter(([, value]) => value)
          .map(([label, value, testId]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-600">{label}</dt>
              <dd className="wrap-anywhere" data-testid={testId}>
                {value}
              </dd>
            </div>
          ))}
      </dl>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("outbox.detail.history")}</h2>
        {mail.attemptLog.length === 0 ? (
          <p className="text-slate-600">{t("outbox.detail.noAttempts")}</p>
        ) : (
          <table
            className="w-full rounded border border-slate-200 bg-white text-left text-sm"
            data-testid="mail-attempts"
          >
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("outbox.detail.attempt.number")}</th>
                <th className="px-3 py-2">{t("outbox.detail.attempt.started")}</th>
                <th className="px-3 py-2">{t("outbox.detail.attempt.outcome")}</th>
                <th className="px-3 py-2">{t("outbox.detail.attempt.answer")}</th>
              </tr>
            </thead>
            <tbody>
              {mail.attemptLog.map((attempt, index) => (
                <tr key={index} className="border-t border-slate-100">
                  <td className="px-3 py-2">{attempt.number}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {formatPreciseMoment(dates, attempt.startedAt)}
                  </td>
                  <td className="px-3 py-2" data-outcome={attempt.outcome ?? "pending"}>
                    {attemptOutcomeLabel(t, attempt.outcome)}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs break-all">{attempt.smtpResponse}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

export default withMessages(["mailboxes", "outbox"], OutgoingMailPage);
