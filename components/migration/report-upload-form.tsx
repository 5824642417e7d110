"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { fieldClass } from "@/components/ui/classes";
import { UploadProgressBar, useUpload } from "@/components/ui/use-upload";
import { importHeader } from "@/lib/mailboxes/import-header";
import type { ReportUploadAnswer } from "@/lib/migration/report-upload-answer";

/**
 * Sends an SMTP AUTH clients report and the period it covers to the upload
 * route, shows how far it got (the file going out, then the server checking
 * and saving it: a report is saved whole or not at all), then what was
 * imported, or every refused line.
 */
export function ReportUploadForm({
  tenant,
  defaultStart,
  defaultEnd,
}: {
  tenant: string;
  /** YYYY-MM-DD */
  defaultStart: string;
  defaultEnd: string;
}) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const [answer, setAnswer] = useState<ReportUploadAnswer | null>(null);
  const { progress, upload, running } = useUpload();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setAnswer({ outcome: "error", message: t("migration.upload.noFile") });
      return;
    }
    const query = new URLSearchParams({
      periodStart: String(form.get("periodStart") ?? ""),
      periodEnd: String(form.get("periodEnd") ?? ""),
      fileName: file.name,
    });
    setAnswer(null);
    const next = await upload<ReportUploadAnswer>(
      `/t/${encodeURIComponent(tenant)}/migration/upload?${query}`,
      file,
      { "Content-Type": "text/csv", [importHeader]: "1" },
    ).catch((): ReportUploadAnswer => ({ outcome: "error", message: t("migration.upload.failed") }));
    setAnswer(next);
    if (next.outcome === "imported") router.refresh();
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t("migration.upload.heading")}
      </h2>
      <p className="text-sm text-slate-700" id={`${id}-where`}>
        {t("migration.upload.where")}
      </p>
      <form
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        data-testid="migration-upload-form"
        aria-describedby={`${id}-where`}
        className="grid gap-3 sm:grid-cols-2"
      >
        <div className="sm:col-span-2">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
            {t("migration.upload.file")}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            name="file"
            accept=".csv,text/csv"
            required
            data-testid="migration-file"
            className="mt-1 block w-full max-w-full text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 file:text-sm hover:file:bg-slate-100"
          />
        </div>
        <div>
          <label htmlFor={`${id}-start`} className="block text-sm font-medium text-slate-800">
            {t("migration.upload.periodStart")}
          </label>
          <input
            id={`${id}-start`}
            type="date"
            name="periodStart"
            required
            defaultValue={defaultStart}
            max={defaultEnd}
            data-testid="migration-period-start"
            className={fieldClass}
          />
        </div>
        <div>
          <label htmlFor={`${id}-end`} className="block text-sm font-medium text-slate-800">
            {t("migration.upload.periodEnd")}
          </label>
          <input
            id={`${id}-end`}
            type="date"
            name="periodEnd"
            required
            defaultValue={defaultEnd}
            max={defaultEnd}
            data-testid="migration-period-end"
            className={fieldClass}
          />
        </div>
        <div className="sm:col-span-2">
          <button
            type="submit"
            disabled={running}
            data-testid="migration-upload-submit"
            className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {t("migration.upload.submit")}
          </button>
        </div>
      </form>
      <UploadProgressBar progress={progress} testId="migration-upload-progress" />
      <p className="text-xs text-slate-600">{t("migration.upload.kept")}</p>
      <UploadOutcome answer={answer} />
    </section>
  );
}

function UploadOutcome({ answer }: { answer: ReportUploadAnswer | null }) {
  if (!answer) return <ActionNotice notice={null} />;
  if (answer.outcome === "imported") {
    return (
      <div className="space-y-2" data-testid="migration-upload-result" data-senders={answer.senders}>
        <ActionNotice notice={{ kind: "success", text: answer.message }} />
        {answer.regressions && (
          <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{answer.regressions}</p>
        )}
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="rounded bg-red-50 px-3 py-2 text-sm text-red-800"
      data-testid="migration-upload-error"
    >
      <p className="font-medium">{answer.message}</p>
      {answer.outcome === "refused" && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="migration-upload-problems">
          {answer.problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
