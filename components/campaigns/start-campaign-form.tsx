"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useT } from "@/components/i18n-provider";
import { ExpirySelect } from "@/components/mailboxes/expiry-select";
import { fieldClass } from "@/components/ui/classes";
import { FilterSelect } from "@/components/ui/filter-select";
import { TextField } from "@/components/ui/text-field";
import { startCampaignAction } from "@/lib/campaigns/campaign-actions";
import { reminderIntervals, type CampaignFilter } from "@/lib/campaigns/campaign-schemas";
import { connectionStates } from "@/lib/mailboxes/mailbox-schemas";
import { CampaignRunProgress, CampaignRunResult, useCampaignLinkRun } from "./campaign-link-run";

const providers = ["google", "microsoft", "platform_microsoft", "custom"] as const;

/**
 * Starts a campaign over a filter (the mailbox list's, when it came from
 * there), then sends its links part by part on this page: the links to
 * copy are shown here, the one time they exist.
 */
export function StartCampaignForm({
  tenant,
  filter,
  memberEmail,
  configurations,
}: {
  tenant: string;
  filter: CampaignFilter;
  memberEmail: string | null;
  configurations: { id: string; name: string }[];
}) {
  const t = useT();
  const [pending, startTransition] = useTransition();
  const [channel, setChannel] = useState<"mail" | "copy">("mail");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const sending = useCampaignLinkRun(tenant);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    data.set("tenant", tenant);
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await startCampaignAction(null, data);
      if (!result.ok) {
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setCampaignId(result.data.id);
      void sending.run(result.data.id, result.data.targets);
    });
  }

  // The campaign exists: its links are being sent from here.
  if (campaignId) {
    return <CampaignSending tenant={tenant} campaignId={campaignId} sending={sending} channel={channel} />;
  }

  return (
    <form onSubmit={submit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <TextField
        label={t("campaigns.form.name")}
        name="name"
        required
        maxLength={120}
        placeholder={t("campaigns.form.namePlaceholder")}
        error={fieldErrors.name}
        data-testid="campaign-name"
      />
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 sm:items-end">
        <legend className="mb-1 font-medium">{t("campaigns.form.filterLegend")}</legend>
        <FilterSelect
          label={t("mailboxes.filters.state")}
          name="state"
          value={filter.state}
          anyLabel={t("mailboxes.filters.anyState")}
          options={connectionStates
            .filter((state) => state !== "connected")
            .map((state) => ({ value: state, label: t(`mailboxes.states.${state}.label`) }))}
          testId="campaign-state"
        />
        <FilterSelect
          label={t("dashboard.table.provider")}
          name="provider"
          value={filter.provider}
          anyLabel={t("dashboard.table.anyProvider")}
          options={providers.map((p) => ({ value: p, label: t(`clients.providers.${p}`) }))}
          testId="campaign-provider"
        />
        <FilterSelect
          label={t("dashboard.table.configuration")}
          name="config"
          value={filter.config}
          anyLabel={t("dashboard.table.anyConfiguration")}
          options={configurations.map((c) => ({ value: c.id, label: c.name }))}
          testId="campaign-config"
        />
        <label className="text-sm">
          {t("mailboxes.filters.search")}
          <input
            type="search"
            name="q"
            defaultValue={filter.q ?? ""}
            maxLength={200}
            className={fieldClass}
          />
        </label>
        {filter.member && memberEmail && (
          <p className="text-sm text-slate-700 sm:col-span-2 lg:col-span-4">
            <input type="hidden" name="member" value={filter.member} />
            {t("campaigns.form.memberFilter", { email: memberEmail })}
          </p>
        )}
      </fieldset>
      <fieldset className="space-y-1 text-sm">
        <legend className="mb-1 font-medium">{t("campaigns.form.channelLegend")}</legend>
        {(["mail", "copy"] as const).map((value) => (
          <label key={value} className="flex items-start gap-2">
            <input
              type="radio"
              name="channel"
              value={value}
              checked={channel === value}
              onChange={() => setChannel(value)}
              className="mt-1"
              data-testid={`campaign-channel-${value}`}
            />
            {t(`campaigns.form.channels.${value}`)}
          </label>
        ))}
        {channel === "copy" && <p className="text-amber-900">{t("campaigns.form.copyNote")}</p>}
      </fieldset>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <ExpirySelect testId="campaign-expiry" name="linkDays" />
        {channel === "mail" && (
          <label className="text-sm">
            {t("campaigns.form.reminders")}
            <select
              name="reminderDays"
              defaultValue=""
              className={fieldClass}
              data-testid="campaign-reminders"
            >
              <option value="">{t("campaigns.form.reminderNone")}</option>
              {reminderIntervals.map((days) => (
                <option key={days} value={days}>
                  {t("campaigns.form.reminderEvery", { days })}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {channel === "mail" && <p className="text-xs text-slate-600">{t("campaigns.form.reminderNote")}</p>}
      {error && (
        <p
          role="alert"
          className="rounded bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="campaign-error"
        >
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        data-testid="campaign-start"
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("campaigns.form.starting") : t("campaigns.form.submit")}
      </button>
    </form>
  );
}

/** Sends the new campaign's links as soon as it exists, then offers its page. */
function CampaignSending({
  tenant,
  campaignId,
  sending,
  channel,
}: {
  tenant: string;
  campaignId: string;
  sending: ReturnType<typeof useCampaignLinkRun>;
  channel: "mail" | "copy";
}) {
  const t = useT();
  return (
    <div
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="campaign-sending"
      data-channel={channel}
    >
      <CampaignRunProgress run={sending.state} onStop={sending.stop} />
      <div aria-live="polite">
        <CampaignRunResult run={sending.state} />
      </div>
      {sending.state.phase === "finished" && (
        <Link
          href={`/t/${tenant}/campaigns/${campaignId}`}
          data-testid="campaign-see"
          className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          {t("campaigns.run.seeCampaign")}
        </Link>
      )}
    </div>
  );
}
