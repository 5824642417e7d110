"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { useT } from "@/components/i18n-provider";
import { migrateSenderAction } from "@/lib/migration/migration-actions";
import type { PlanRowView } from "@/lib/migration/plan-row-view";
import type { RelayConnectionInfo } from "@/lib/relay/relay-connection-info";
import { DeviceSheets, type NewCredentialSheet } from "./device-sheets";
import { PlanTable } from "./plan-table";
import { RunResults, runFailed, type RunResult } from "./run-results";

type Steps = { createMailbox: boolean; sendLink: boolean; createCredential: boolean };
type Progress = { total: number; done: number; state: "running" | "finished" | "stopped" };

const button = "rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const secondary =
  "rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";

/**
 * The plan's table with its selection, and the bulk run: for each ticked
 * sender in turn, one server action does the steps asked for. Progress and
 * a result per sender are shown as they come, then the sheets of the
 * credentials made, whose passwords exist only in this page's memory.
 */
export function MigrationPlanner({
  tenant,
  rows,
  configurations,
  info,
}: {
  tenant: string;
  rows: PlanRowView[];
  configurations: { id: string; name: string }[];
  info: RelayConnectionInfo;
}) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [steps, setSteps] = useState<Steps>({
    createMailbox: configurations.length > 0,
    sendLink: true,
    createCredential: true,
  });
  const [configurationId, setConfigurationId] = useState(
    configurations.length === 1 ? configurations[0]!.id : "",
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [configurationError, setConfigurationError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [results, setResults] = useState<RunResult[]>([]);
  const [sheets, setSheets] = useState<NewCredentialSheet[]>([]);
  const stopRequested = useRef(false);
  const running = progress?.state === "running";

  const toDo = rows.filter((row) => row.status === "to_do").map((row) => row.address);
  const toggle = (address: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(address);
      else next.delete(address);
      return next;
    });

  async function run(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // In the table's order, which is the order the results are listed in.
    const chosen = rows.filter((row) => selected.has(row.address));
    setFormError(null);
    setConfigurationError(null);
    if (chosen.length === 0) return setFormError(t("migration.bulk.nothingSelected"));
    if (!steps.createMailbox && !steps.sendLink && !steps.createCredential)
      return setFormError(t("migration.bulk.noStep"));
    const needsConfiguration = steps.createMailbox && chosen.some((row) => row.proposal === "create_mailbox");
    if (needsConfiguration && !configurationId)
      return setConfigurationError(t("migration.bulk.configurationRequired"));

    stopRequested.current = false;
    setResults([]);
    setProgress({ total: chosen.length, done: 0, state: "running" });
    let done = 0;
    for (const row of chosen) {
      if (stopRequested.current) break;
      const form = new FormData();
      form.set("tenant", tenant);
      form.set("address", row.address);
      if (steps.createMailbox) form.set("createMailbox", "on");
      if (steps.sendLink) form.set("sendLink", "on");
      if (steps.createCredential) form.set("createCredential", "on");
      if (steps.createMailbox && configurationId) form.set("clientConfigurationId", configurationId);
      const entry: RunResult = await migrateSenderAction(null, form).then(
        (answer): RunResult =>
          answer.ok
            ? { address: row.address, ok: true, result: answer.data }
            : {
                address: row.address,
                ok: false,
                message: Object.values(answer.fieldErrors ?? {})[0] ?? answer.message,
              },
        (): RunResult => ({ address: row.address, ok: false, message: t("migration.upload.failed") }),
      );
      setResults((current) => [...current, entry]);
      const made = entry.ok ? entry.result.newCredential : null;
      if (made) {
        const sheet = {
          address: row.address,
          listener: row.listener,
          username: made.username,
          password: made.password,
        };
        setSheets((current) => [...current, sheet]);
      }
      done += 1;
      setProgress({ total: chosen.length, done, state: "running" });
    }
    setProgress({ total: chosen.length, done, state: done < chosen.length ? "stopped" : "finished" });
    setSelected(new Set());
    router.refresh();
  }

  const failures = results.filter(runFailed).length;
  return (
    <div className="space-y-4">
      <section
        aria-labelledby={`${id}-bulk`}
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 print:hidden"
      >
        <h3 id={`${id}-bulk`} className="font-semibold">
          {t("migration.bulk.heading")}
        </h3>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <button
            type="button"
            className={secondary}
            disabled={running || toDo.length === 0}
            onClick={() => setSelected(new Set(toDo))}
            data-testid="migration-select-to-do"
          >
            {t("migration.plan.selectToDo", { count: toDo.length })}
          </button>
          <button
            type="button"
            className={secondary}
            disabled={running || selected.size === 0}
            onClick={() => setSelected(new Set())}
          >
            {t("migration.plan.clearSelection")}
          </button>
          <span className="text-slate-700" data-testid="migration-selected-count">
            {t("migration.plan.selected", { count: selected.size })}
          </span>
        </div>
        <form onSubmit={run} noValidate className="space-y-3" data-testid="migration-bulk-form">
          <fieldset className="space-y-2 text-sm" disabled={running}>
            <legend className="font-medium text-slate-800">{t("migration.bulk.steps")}</legend>
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-1"
                checked={steps.createMailbox}
                disabled={configurations.length === 0}
                onChange={(event) => setSteps({ ...steps, createMailbox: event.target.checked })}
                data-testid="migration-step-mailbox"
              />
              <span>{t("migration.bulk.createMailbox")}</span>
            </label>
            {configurations.length === 0 ? (
              <p className="ml-6 text-slate-600">
                <Link href={`/t/${tenant}/clients`} className="text-brand-700 underline">
                  {t("migration.bulk.noConfiguration")}
                </Link>
              </p>
            ) : (
              steps.createMailbox && (
                <div className="ml-6 max-w-md">
                  <label htmlFor={`${id}-configuration`} className="block font-medium text-slate-800">
                    {t("migration.bulk.configuration")}
                  </label>
                  <select
                    id={`${id}-configuration`}
                    value={configurationId}
                    onChange={(event) => setConfigurationId(event.target.value)}
                    aria-invalid={configurationError ? true : undefined}
                    aria-describedby={configurationError ? `${id}-configuration-error` : undefined}
                    className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-600"
                    data-testid="migration-configuration"
                  >
                    <option value="">{t("migration.bulk.chooseConfiguration")}</option>
                    {configurations.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                  {configurationError && (
                    <p id={`${id}-configuration-error`} role="alert" className="mt-1 text-red-700">
                      {configurationError}
                    </p>
                  )}
                </div>
              )
            )}
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-1"
                checked={steps.sendLink}
                onChange={(event) => setSteps({ ...steps, sendLink: event.target.checked })}
                data-testid="migration-step-link"
              />
              <span>{t("migration.bulk.sendLink")}</span>
            </label>
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-1"
                checked={steps.createCredential}
                onChange={(event) => setSteps({ ...steps, createCredential: event.target.checked })}
                data-testid="migration-step-credential"
              />
              <span>{t("migration.bulk.createCredential")}</span>
            </label>
          </fieldset>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={button} disabled={running} data-testid="migration-run">
              {t("migration.bulk.run", { count: selected.size })}
            </button>
            {running && (
              <button
                type="button"
                className={secondary}
                onClick={() => {
                  stopRequested.current = true;
                }}
                data-testid="migration-stop"
              >
                {t("migration.bulk.stop")}
              </button>
            )}
          </div>
          {formError && (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
              {formError}
            </p>
          )}
        </form>
        <div
          role="status"
          className={progress ? "space-y-1 text-sm" : "sr-only"}
          data-testid="migration-progress"
          data-state={progress?.state}
          data-done={progress?.done}
          data-total={progress?.total}
        >
          {progress && (
            <>
              <p className="font-medium">
                {t(`migration.bulk.${progress.state}`, { done: progress.done, total: progress.total })}
                {progress.state !== "running" && failures > 0 && (
                  <> {t("migration.bulk.failures", { count: failures })}</>
                )}
              </p>
              <progress
                value={progress.done}
                max={progress.total}
                aria-label={t("migration.bulk.progressLabel")}
                className="h-2 w-full"
              />
            </>
          )}
        </div>
      </section>
      {results.length > 0 && <RunResults results={results} />}
      {sheets.length > 0 && <DeviceSheets sheets={sheets} info={info} />}
      <div className="print:hidden">
        <PlanTable
          tenant={tenant}
          rows={rows}
          selected={selected}
          onToggle={toggle}
          onToggleAll={(on) => setSelected(on ? new Set(rows.map((row) => row.address)) : new Set())}
          disabled={running}
        />
      </div>
    </div>
  );
}
