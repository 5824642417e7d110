"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useDates, useT } from "@/components/i18n-provider";
import { stackedTable } from "@/components/ui/classes";
import { TableSection, tableCell } from "@/components/ui/table-section";
import { closeCampaignAction, resendCampaignAction } from "@/lib/campaigns/campaign-actions";
import { campaignStatuses, type CampaignStatus } from "@/lib/campaigns/campaign-status";
import type { CampaignReport, CampaignReportMember } from "@/lib/campaigns/get-campaign-report";
import { formatMoment, formatPreciseTime } from "@/lib/i18n/dates/formats";
import { CampaignRunProgress, CampaignRunResult, useCampaignLinkRun } from "./campaign-link-run";

const button =
  "rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const secondary =
  "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60";

export const statusTone: Record<CampaignStatus, string> = {
  reconnected: "bg-green-100 text-green-900",
  opened: "bg-sky-100 text-sky-900",
  asked: "bg-slate-100 text-slate-800",
  expired: "bg-amber-100 text-amber-900",
  mail_failed: "bg-red-100 text-red-900",
  waiting: "bg-slate-100 text-slate-700",
};

/**
 * A campaign's report, refreshed from its route every 5 seconds, so that
 * who opened their link and who reconnected appears without a reload; with
 * "send again to the rest" (part by part) and closing while it is open.
 */
export function CampaignReportView({ tenant, initial }: { tenant: string; initial: CampaignReport }) {
  const t = useT();
  const dates = useDates();
  const { data, isError, refetch } = useQuery({
    queryKey: ["campaign", tenant, initial.id],
    queryFn: async (): Promise<CampaignReport> => {
      const response = await fetch(
        `/api/t/${encodeURIComponent(tenant)}/campaigns/${encodeURIComponent(initial.id)}`,
        { cache: "no-store" },
      );
      if (!response.ok) throw new Error(`campaign ${response.status}`);
      return response.json();
    },
    initialData: initial,
    refetchInterval: 5_000,
  });
  const report = data ?? initial;
  const moment = (iso: string | null) => (iso ? formatMoment(dates, new Date(iso)) : "—");

  return (
    <div className="space-y-6" data-testid="campaign-report">
      <CampaignFacts report={report} moment={moment} />
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("campaigns.detail.updated", { time: formatPreciseTime(dates, new Date(report.generatedAt)) })}
      </p>
      {isError && (
        <p role="alert" className="text-sm text-red-800">
          {t("campaigns.detail.loadFailed")}
        </p>
      )}

      <section aria-labelledby="campaign-summary" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="campaign-summary" className="mb-3 text-lg font-semibold">
          {t("campaigns.detail.summaryHeading")}
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          <li className="rounded border border-slate-200 p-3">
            <span className="block text-2xl font-semibold" data-testid="campaign-count-total">
              {report.counts.total}
            </span>
            <span className="text-sm">{t("campaigns.detail.total")}</span>
          </li>
          {campaignStatuses.map((status) => (
            <li key={status} className="rounded border border-slate-200 p-3">
              <span className="block text-2xl font-semibold" data-testid={`campaign-count-${status}`}>
                {report.counts[status]}
              </span>
              <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${statusTone[status]}`}>
                {t(`campaigns.statuses.${status}`)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      {!report.closedAt && (
        <CampaignActions tenant={tenant} report={report} onChange={() => void refetch()} />
      )}
      <p>
        <a
          href={`/t/${tenant}/campaigns/${report.id}/export`}
          className="text-sm text-brand-700 underline"
          data-testid="campaign-export"
        >
          {t("campaigns.detail.export")}
        </a>
      </p>

      <TableSection
        id="campaign-members"
        testId="campaign-members"
        heading={t("campaigns.detail.membersHeading")}
        caption={t("campaigns.detail.membersCaption")}
        empty={t("campaigns.detail.empty")}
        stacked
        columns={[
          t("campaigns.detail.columns.address"),
          t("campaigns.detail.columns.status"),
          t("campaigns.detail.columns.asked"),
          t("campaigns.detail.columns.opened"),
          t("campaigns.detail.columns.reconnected"),
          t("campaigns.detail.columns.linkEnds"),
          t("campaigns.detail.columns.reminders"),
        ]}
        rows={
          report.members.length === 0
            ? null
            : report.members.map((member) => (
                <MemberRow key={member.mailboxId} tenant={tenant} member={member} moment={moment} />
              ))
        }
      />
    </div>
  );
}

/** How the campaign was started, in sentences. */
function CampaignFacts({
  report,
  moment,
}: {
  report: CampaignReport;
  moment: (iso: string | null) => string;
}) {
  const t = useT();
  const f = report.filter;
  const parts = [
    f.state && t("campaigns.detail.filterParts.state", { value: t(`mailboxes.states.${f.state}.label`) }),
    f.provider && t("campaigns.detail.filterParts.provider", { value: t(`clients.providers.${f.provider}`) }),
    f.config && t("campaigns.detail.filterParts.config", { value: f.configName ?? "—" }),
    f.member && t("campaigns.detail.filterParts.member", { value: f.memberEmail ?? "—" }),
    f.q && t("campaigns.detail.filterParts.search", { value: f.q }),
  ].filter((part): part is string => Boolean(part));
  return (
    <div className="space-y-1 text-slate-700" data-testid="campaign-facts">
      <p>{t("campaigns.detail.startedBy", { date: moment(report.createdAt), who: report.createdBy })}</p>
      <p>
        {t("campaigns.detail.filter", {
          filter: parts.length > 0 ? parts.join(", ") : t("campaigns.detail.filterAll"),
        })}
      </p>
      <p>
        {t(`campaigns.detail.channel.${report.channel}`)}{" "}
        {t("campaigns.detail.linkDays", { days: report.linkDays })}{" "}
        {report.reminderDays
          ? t("campaigns.detail.reminders", { days: report.reminderDays })
          : t("campaigns.detail.noReminders")}
      </p>
      {report.closedAt && (
        <p className="font-medium text-amber-900" data-testid="campaign-closed">
          {t("campaigns.detail.closedOn", { date: moment(report.closedAt) })}
        </p>
      )}
    </div>
  );
}

function MemberRow({
  tenant,
  member,
  moment,
}: {
  tenant: string;
  member: CampaignReportMember;
  moment: (iso: string | null) => string;
}) {
  const t = useT();
  const cell = `${tableCell} ${stackedTable.cell}`;
  const labelled = `${cell} ${stackedTable.labelled}`;
  const columns = (key: "asked" | "opened" | "reconnected" | "linkEnds" | "reminders") =>
    t(`campaigns.detail.columns.${key}`);
  return (
    <tr
      className={`border-t border-slate-100 ${stackedTable.row}`}
      data-testid="campaign-member"
      data-address={member.address}
      data-status={member.status}
    >
      <td className={`${cell} min-w-48`}>
        <Link
          href={`/t/${tenant}/mailboxes/${member.mailboxId}`}
          className="font-medium break-all text-brand-700 underline"
        >
          {member.address}
        </Link>
        {member.owner !== member.address && (
          <span className="block text-xs break-all text-slate-600">
            {t("campaigns.detail.ownerIs", { owner: member.owner })}
          </span>
        )}
      </td>
      <td className={cell}>
        <span
          className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${statusTone[member.status]}`}
          data-testid="campaign-member-status"
        >
          {t(`campaigns.statuses.${member.status}`)}
        </span>
      </td>
      <td className={labelled} data-label={columns("asked")}>
        {moment(member.askedAt)}
      </td>
      <td className={labelled} data-label={columns("opened")}>
        {moment(member.openedAt)}
      </td>
      <td className={labelled} data-label={columns("reconnected")}>
        {moment(member.reconnectedAt)}
      </td>
      <td className={labelled} data-label={columns("linkEnds")}>
        {moment(member.linkExpiresAt)}
      </td>
      <td className={labelled} data-label={columns("reminders")}>
        {member.remindersSent}
      </td>
    </tr>
  );
}

/** Send again to the rest, and close: each asks first. */
function CampaignActions({
  tenant,
  report,
  onChange,
}: {
  tenant: string;
  report: CampaignReport;
  onChange: () => void;
}) {
  const t = useT();
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState<"resend" | "close" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sending = useCampaignLinkRun(tenant);
  const running = sending.state.phase === "running";
  const rest = report.counts.total - report.counts.reconnected;

  function form() {
    const data = new FormData();
    data.set("tenant", tenant);
    data.set("campaignId", report.id);
    return data;
  }

  function resend() {
    setAsking(null);
    setError(null);
    sending.reset();
    startTransition(async () => {
      const result = await resendCampaignAction(null, form());
      if (!result.ok) {
        setError(result.message);
        return;
      }
      void sending.run(report.id, result.data.targets).then(onChange);
    });
  }

  function close() {
    setAsking(null);
    setError(null);
    startTransition(async () => {
      const result = await closeCampaignAction(null, form());
      if (!result.ok) setError(result.message);
      onChange();
    });
  }

  return (
    <section
      aria-labelledby="campaign-actions"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="campaign-actions" className="text-lg font-semibold">
        {t("campaigns.detail.actionsHeading")}
      </h2>
      <div className="flex flex-wrap items-start gap-3">
        <div className="max-w-md space-y-1">
          <button
            type="button"
            className={button}
            disabled={pending || running || rest === 0}
            onClick={() => setAsking("resend")}
            data-testid="campaign-resend"
          >
            {t("campaigns.detail.resend")}
          </button>
          <p className="text-xs text-slate-600">
            {rest === 0 ? t("campaigns.detail.resendNone") : t("campaigns.detail.resendHint")}
          </p>
        </div>
        <button
          type="button"
          className={secondary}
          disabled={pending || running}
          onClick={() => setAsking("close")}
          data-testid="campaign-close"
        >
          {t("campaigns.detail.close")}
        </button>
      </div>
      {asking && (
        <div
          role="group"
          aria-labelledby="campaign-confirm-text"
          className="flex flex-wrap items-center gap-3 rounded bg-amber-50 p-3 text-sm"
          data-testid="campaign-confirm"
        >
          <p id="campaign-confirm-text">
            {asking === "resend"
              ? `${t("campaigns.detail.resend")} — ${t("dashboard.bulk.confirmCount", { count: rest })}`
              : t("campaigns.detail.closeConfirm", { name: report.name })}
          </p>
          <button
            type="button"
            className={button}
            onClick={asking === "resend" ? resend : close}
            data-testid="campaign-confirm-yes"
          >
            {asking === "resend" ? t("dashboard.bulk.confirm") : t("campaigns.detail.closeYes")}
          </button>
          <button type="button" className="text-sm underline" onClick={() => setAsking(null)}>
            {asking === "resend" ? t("dashboard.bulk.cancel") : t("campaigns.detail.closeNo")}
          </button>
        </div>
      )}
      <CampaignRunProgress run={sending.state} onStop={sending.stop} />
      <div aria-live="polite">
        {error && (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <CampaignRunResult run={sending.state} />
      </div>
    </section>
  );
}
