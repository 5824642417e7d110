"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useT } from "@/components/i18n-provider";
import { RunProgress } from "@/components/ui/run-progress";
import { useChunkedRun, type ChunkedRun } from "@/components/ui/use-chunked-run";
import { ExpirySelect } from "./expiry-select";
import { reviewBulkTargetsAction, runBulkActionAction } from "@/lib/mailboxes/bulk/bulk-actions";
import type { BulkReport } from "@/lib/mailboxes/bulk/bulk-report";
import { bulkActions, bulkPartSizes, type BulkAction } from "@/lib/mailboxes/bulk/bulk-schemas";
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

type Target = { id: string; address: string };

/** The fields of a target, which each part replaces by its own selection. */
const targetFields = new Set(["scope", "ids", "q", "state", "config", "provider", "member"]);

/** The ids ticked in the mailbox table (its checkboxes are named "ids"). */
function selectedIds(): string[] {
  return Array.from(
    document.querySelectorAll<HTMLInputElement>('[data-testid="mailboxes-table"] input[name="ids"]:checked'),
  ).map((box) => box.value);
}

/**
 * Bulk actions on the ticked mailboxes or on everything the filters match:
 * the server lists the target first, the person confirms that number, then
 * the page sends the mailboxes part by part (each part a selection the
 * server checks again) and shows how far it got; the report lists what was
 * done, what was skipped and what failed, with why and a link to each.
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
  const [confirm, setConfirm] = useState<{ action: BulkAction; targets: Target[]; form: FormData } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  /** The action of the run shown, which the select may no longer show. */
  const [ran, setRan] = useState<BulkAction | null>(null);
  const parts = useChunkedRun<Target, BulkReport>();
  const running = parts.state.phase === "running";

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
    parts.reset();
    setError(null);
    startTransition(async () => {
      const result = await reviewBulkTargetsAction(null, data);
      if (result.ok) setConfirm({ action, targets: result.data.targets, form: data });
      else setError(Object.values(result.fieldErrors ?? {})[0] ?? result.message);
    });
  }

  async function run() {
    if (!confirm) return;
    const { targets, form } = confirm;
    setConfirm(null);
    setRan(confirm.action);
    await parts.run(targets, bulkPartSizes[confirm.action], (part) => {
      const data = new FormData();
      for (const [key, value] of form.entries()) if (!targetFields.has(key)) data.append(key, value);
      data.set("scope", "selection");
      for (const target of part) data.append("ids", target.id);
      return runBulkActionAction(null, data);
    });
    router.refresh();
  }

  return (
    <section aria-labelledby="bulk-heading" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="bulk-heading" className="mb-2 font-semibold">
        {t("dashboard.bulk.heading")}
      </h2>
      <form
        onSubmit={review}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(19rem,1.3fr)_1fr_1fr_auto] lg:items-end"
        noValidate
      >
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
          <button type="submit" className={button} disabled={pending || running} data-testid="bulk-review">
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
            {t(`dashboard.bulk.actions.${confirm.action}`)} —{" "}
            <span data-testid="bulk-confirm-count" data-count={confirm.targets.length}>
              {t("dashboard.bulk.confirmCount", { count: confirm.targets.length })}
            </span>
          </p>
          <button
            type="button"
            className={button}
            disabled={pending || confirm.targets.length === 0}
            onClick={() => void run()}
            data-testid="bulk-confirm-run"
          >
            {t("dashboard.bulk.confirm")}
          </button>
          <button type="button" className="text-sm underline" onClick={() => setConfirm(null)}>
            {t("dashboard.bulk.cancel")}
          </button>
        </div>
      )}
      {running && (
        <div className="mt-3">
          <RunProgress
            testId="bulk-progress"
            value={parts.state.processed}
            max={parts.state.total}
            label={t("common.progress.mailboxes", { done: parts.state.processed, total: parts.state.total })}
            note={t("common.progress.keepOpen")}
            onStop={parts.stop}
            stopping={parts.state.stopping}
          />
        </div>
      )}
      <div aria-live="polite">
        {error && (
          <p role="alert" className="mt-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        {parts.state.phase === "finished" && ran && (
          <BulkResult tenant={tenant} action={ran} run={parts.state} />
        )}
      </div>
    </section>
  );
}

/** What a bulk action did, in words: counts, then what was not done and why, each mailbox a link to its page. */
function BulkResult({
  tenant,
  action,
  run,
}: {
  tenant: string;
  action: BulkAction;
  run: ChunkedRun<Target, BulkReport>;
}) {
  const t = useT();
  const done = run.results.flatMap((report) => report.done);
  const skipped = run.results.flatMap((report) => report.skipped);
  const failed = run.failures.flatMap((failure) =>
    failure.items.map((item) => ({ ...item, why: failure.message })),
  );
  const complete = failed.length === 0 && run.notRun.length === 0;
  const mailboxLink = (m: Target) => (
    <Link href={`/t/${tenant}/mailboxes/${m.id}`} className="break-all underline">
      {m.address}
    </Link>
  );
  return (
    <div
      data-testid="bulk-result"
      data-done={done.length}
      data-skipped={skipped.length}
      data-failed={failed.length}
      data-not-run={run.notRun.length}
      className={`mt-3 space-y-2 rounded p-3 text-sm ${
        complete ? "bg-green-50 text-green-900" : "border border-amber-300 bg-amber-50 text-amber-950"
      }`}
    >
      <p className="font-medium">
        {t(`dashboard.bulk.actions.${action}`)} —{" "}
        {t("dashboard.bulk.result", { done: done.length, skipped: skipped.length })}
      </p>
      {failed.length > 0 && (
        <div data-testid="bulk-failed">
          <p>{t("dashboard.bulk.failed", { count: failed.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {failed.map((m) => (
              <li key={m.id}>
                {mailboxLink(m)}: {m.why}
              </li>
            ))}
          </ul>
        </div>
      )}
      {run.notRun.length > 0 && (
        <p data-testid="bulk-not-run">{t("dashboard.bulk.notRun", { count: run.notRun.length })}</p>
      )}
      {skipped.length > 0 && (
        <details>
          <summary className="cursor-pointer underline">{t("dashboard.bulk.skippedHeading")}</summary>
          <ul className="mt-1 list-disc pl-5">
            {skipped.map((s) => (
              <li key={s.id}>
                {mailboxLink(s)}: {t(`dashboard.bulk.reasons.${s.reason}`)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
