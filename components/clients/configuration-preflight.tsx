"use client";

import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { useFormAction } from "@/components/ui/use-form-action";
import { PreflightStepList } from "@/components/mailboxes/preflight-step-list";
import { runConfigurationPreflightAction } from "@/lib/preflight/preflight-actions";
import { preflightWords } from "@/lib/preflight/preflight-words";

/**
 * The OAuth application's preflight: its token endpoint and credentials, then
 * one connected mailbox's token, permissions and sign-in, step by step.
 */
export function ConfigurationPreflight({
  tenant,
  id,
  mailboxes,
}: {
  tenant: string;
  id: string;
  /** Its connected mailboxes, to choose from; empty: only the credentials can be checked. */
  mailboxes: { id: string; address: string }[];
}) {
  const t = useT();
  const { result, pending, onSubmit } = useFormAction(runConfigurationPreflightAction);
  const report = result?.ok ? result.data : null;
  const steps = report ? preflightWords(t, report) : [];
  return (
    <section
      aria-labelledby="configuration-preflight-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="configuration-preflight"
    >
      <h2 id="configuration-preflight-title" className="text-lg font-semibold">
        {t("clients.preflight.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("clients.preflight.intro")}</p>
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <input type="hidden" name="tenant" value={tenant} />
        <input type="hidden" name="id" value={id} />
        {mailboxes.length > 0 && (
          <label className="block min-w-0 text-sm sm:w-80">
            <span className="font-medium">{t("clients.preflight.mailbox")}</span>
            <select
              name="mailboxId"
              defaultValue=""
              data-testid="configuration-preflight-mailbox"
              className="mt-1 block w-full truncate rounded border border-slate-300 px-2 py-2 text-sm"
            >
              <option value="">{t("clients.preflight.firstConnected")}</option>
              {mailboxes.map((mailbox) => (
                <option key={mailbox.id} value={mailbox.id}>
                  {mailbox.address}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="submit"
          disabled={pending}
          data-testid="configuration-preflight-run"
          className="self-start rounded border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50 disabled:opacity-60 sm:self-auto"
        >
          {pending ? t("clients.preflight.running") : t("clients.preflight.button")}
        </button>
      </form>
      <ActionNotice notice={result && !result.ok ? { kind: "error", text: result.message } : null} />
      {report && (
        <p className="text-sm break-words" data-testid="configuration-preflight-mailbox-used">
          {report.mailbox
            ? t(
                report.mailbox.chosen ? "clients.preflight.checkedChosen" : "clients.preflight.checkedFirst",
                {
                  address: report.mailbox.address,
                },
              )
            : t("clients.preflight.noMailbox")}
        </p>
      )}
      <PreflightStepList steps={steps} />
    </section>
  );
}
