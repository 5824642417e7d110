"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useT } from "@/components/i18n-provider";
import { ExpirySelect } from "./expiry-select";
import { countBulkTargetsAction, runBulkActionAction } from "@/lib/mailboxes/bulk/bulk-actions";
import type { BulkReport } from "@/lib/mailboxes/bulk/bulk-report";
import { bulkActions, type BulkAction } from "@/lib/mailboxes/bulk/bulk-schemas";
import { fieldClass } from "@/components/ui/classes";

const button =
  "rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

export interface BulkFilter {
  q?: string;
  state?: string;
  config?: string;
  provider?: string;
  member?: string;
}

/** The ids ticked in the mailbox table (its checkboxes are named "ids"). */
function selectedIds(): string[] {
  return Array.from(
    document.querySelectorAll<HTMLInputElement>('[data-testid="mailboxes-table"] input[name="ids"]:checked'),
  ).map((box) => box.value);
}

/**
 * Bulk actions on the ticked mailboxes or on everything the filters match:
 * the server counts the target first, the person confirms that number, and
 * the report lists what was done and what was skipped, with why.
 */
export function BulkActions({
  tenant,
  filter,
  configurations,
  members,
}: {
  tenant: string;
  filter: BulkFilter;
  configurations: { id: string; name: string }[];
  members: { id: string; email: string }[];
}) {
  const t = useT();
  const router = useRouter();
  const [action, setAction] = useState<BulkAction>("connect_links");
  const [scope, setScope] = useState<"selection" | "filter">("selection");
  const [pending, startTransition] = useTransition();
  const [confirm, setConfirm] = useState<{ count: number; form: FormData } | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  function targetForm(form: HTMLFormElement): FormData {
    const data = new FormData(form);
    data.set("tenant", tenant);
    if (scope === "selection") for (const id of selectedIds()) data.append("ids", id);
    else for (const [key, value] of Object.entries(filter)) if (value) data.set(key, value);
    return data;
  }

  function review(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = targetForm(event.currentTarget);
    setReport(null);
    setError(null);
    startTransition(async () => {
      const result = await countBulkTargetsAction(null, data);
      if (result.ok) setConfirm({ count: result.data.count, form: data });
      else setError(Object.values(result.fieldErrors ?? {})[0] ?? result.message);
    });
  }

  function run() {
    if (!confirm) return;
    const data = confirm.form;
    startTransition(async () => {
      const result = await runBulkActionAction(null, data);
      setConfirm(null);
      if (result.ok) {
        setReport(result.data);
        router.refresh();
      } else setError(Object.values(result.fieldErrors ?? {})[0] ?? result.message);
    });
  }

  return (
    <section aria-labelledby="bulk-heading" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="bulk-heading" className="mb-2 font-semibold">
        {t("dashboard.bulk.heading")}
      </h2>
      <form onSubmit={review} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" noValidate>
        <label className="text-sm">
          {t("dashboard.bulk.action")}
          <select
            name="action"
            value={action}
            onChange={(event) => {
              setAction(event.target.value as BulkAction);
              setConfirm(null);
            }}
            className={fieldClass}
            data-testid="bulk-action"
          >
            {bulkActions.map((a) => (
              <option key={a} value={a}>
                {t(`dashboard.bulk.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="text-sm">
          <legend>{t("dashboard.bulk.scope")}</legend>
          <label className="mt-1 flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              value="selection"
              checked={scope === "selection"}
              onChange={() => setScope("selection")}
              data-testid="bulk-scope-selection"
            />
            {t("dashboard.bulk.scopeSelection")}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              value="filter"
              checked={scope === "filter"}
              onChange={() => setScope("filter")}
              data-testid="bulk-scope-filter"
            />
            {t("dashboard.bulk.scopeFilter")}
          </label>
        </fieldset>
        {action === "connect_links" && <ExpirySelect testId="bulk-expiry" />}
        {action === "assign" && (
          <label className="text-sm">
            {t("dashboard.bulk.members")}
            <select name="members" multiple className={fieldClass} data-testid="bulk-members">
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.email}
                </option>
              ))}
            </select>
          </label>
        )}
        {action === "change_configuration" && (
          <label className="text-sm">
            {t("dashboard.bulk.configuration")}
            <select name="clientConfigurationId" className={fieldClass} data-testid="bulk-configuration">
              {configurations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <span className="mt-1 block text-xs text-amber-900">
              {t("dashboard.bulk.configurationWarning")}
            </span>
          </label>
        )}
        <div>
          <button type="submit" className={button} disabled={pending} data-testid="bulk-review">
            {t("dashboard.bulk.review")}
          </button>
        </div>
      </form>

      {confirm && (
        <div
          data-testid="bulk-confirm"
          role="group"
          aria-labelledby="bulk-confirm-text"
          className="mt-3 flex flex-wrap items-center gap-3 rounded bg-amber-50 p-3 text-sm"
        >
          <p id="bulk-confirm-text">
            {t(`dashboard.bulk.actions.${action}`)} —{" "}
            <span data-testid="bulk-confirm-count" data-count={confirm.count}>
              {t("dashboard.bulk.confirmCount", { count: confirm.count })}
            </span>
          </p>
          <button
            type="button"
            className={button}
            disabled={pending || confirm.count === 0}
            onClick={run}
            data-testid="bulk-confirm-run"
          >
            {t("dashboard.bulk.confirm")}
          </button>
          <button type="button" className="text-sm underline" onClick={() => setConfirm(null)}>
            {t("dashboard.bulk.cancel")}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {error && (
          <p role="alert" className="mt-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        {report && (
          <div
            data-testid="bulk-result"
            data-done={report.done.length}
            data-skipped={report.skipped.length}
            className="mt-3 rounded bg-green-50 p-3 text-sm text-green-900"
          >
            <p>{t("dashboard.bulk.result", { done: report.done.length, skipped: report.skipped.length })}</p>
            {report.skipped.length > 0 && (
              <details>
                <summary className="cursor-pointer underline">{t("dashboard.bulk.skippedHeading")}</summary>
                <ul className="mt-1 list-disc pl-5">
                  {report.skipped.map((s) => (
                    <li key={s.id}>
                      {s.address}: {t(`dashboard.bulk.reasons.${s.reason}`)}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
