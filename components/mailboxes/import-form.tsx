"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useT } from "@/components/i18n-provider";
import { ActionNotice } from "@/components/ui/action-notice";
import { UploadProgressBar, useUpload } from "@/components/ui/use-upload";
import type { ImportAnswer } from "@/lib/mailboxes/import-answer";
import { importHeader } from "@/lib/mailboxes/import-header";

/**
 * Sends the chosen file to the upload route, shows how far it got (the file
 * going out, then the server checking and saving it: all or nothing), and
 * its answer: the count imported, or why the file or which rows were refused.
 */
export function ImportForm({ tenant }: { tenant: string }) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const { progress, upload, running } = useUpload();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setAnswer({ outcome: "error", message: t("mailboxes.import.errors.noFile") });
      return;
    }
    setAnswer(null);
    const next = await upload<ImportAnswer>(
      `/t/${encodeURIComponent(tenant)}/mailboxes/import/upload`,
      file,
      { "Content-Type": "text/csv", [importHeader]: "1" },
    ).catch((): ImportAnswer => ({ outcome: "error", message: t("mailboxes.import.errors.failed") }));
    setAnswer(next);
    if (next.outcome === "imported") router.refresh();
  }

  return (
    <div className="space-y-4">
      <form
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        data-testid="import-form"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div>
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            {t("mailboxes.import.file")}
          </label>
          <input
            id={id}
            type="file"
            name="file"
            accept=".csv,text/csv"
            required
            data-testid="import-file"
            className="mt-1 block text-sm"
          />
        </div>
        <button
          type="submit"
          disabled={running}
          data-testid="import-submit"
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {t("mailboxes.import.submit")}
        </button>
      </form>
      <UploadProgressBar progress={progress} testId="import-progress" />
      <ImportOutcome tenant={tenant} answer={answer} />
    </div>
  );
}

function ImportOutcome({ tenant, answer }: { tenant: string; answer: ImportAnswer | null }) {
  const t = useT();
  if (!answer) return <ActionNotice notice={null} />;
  if (answer.outcome === "imported") {
    return (
      <div className="space-y-2" data-testid="import-result" data-count={answer.count}>
        <ActionNotice notice={{ kind: "success", text: answer.message }} />
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {/* The new mailboxes are not connected yet: the list of those, where links go out in bulk. */}
          <Link
            href={`/t/${tenant}/mailboxes?state=pending`}
            className="text-brand-700 underline"
            data-testid="import-next"
          >
            {t("mailboxes.import.connectNext")}
          </Link>
          <Link href={`/t/${tenant}/mailboxes`} className="text-brand-700 underline">
            {t("mailboxes.import.backToList")}
          </Link>
        </div>
      </div>
    );
  }
  if (answer.outcome !== "rows_refused") {
    const text = answer.outcome === "file_refused" ? `${answer.message} ${answer.reason}` : answer.message;
    return (
      <div data-testid="import-error">
        <ActionNotice notice={{ kind: "error", text }} />
      </div>
    );
  }
  const th = "px-3 py-2 font-medium";
  const td = "px-3 py-2 align-top";
  return (
    <div className="space-y-3">
      <ActionNotice notice={{ kind: "error", text: answer.message }} />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table data-testid="import-report" className="w-full text-left text-sm">
          <caption className="px-3 py-2 text-left font-medium">
            {t("mailboxes.import.report.caption")}
          </caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className={th}>
                {t("mailboxes.import.report.row")}
              </th>
              <th scope="col" className={th}>
                {t("mailboxes.import.report.address")}
              </th>
              <th scope="col" className={th}>
                {t("mailboxes.import.report.reason")}
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.rows.map((row) => (
              <tr key={row.row} data-testid={`import-row-${row.row}`} className="border-b border-slate-100">
                <td className={td}>{row.row}</td>
                <td className={`${td} break-all`}>{row.address}</td>
                <td className={td}>
                  <ul className="space-y-0.5">
                    {row.reasons.map((reason, index) => (
                      <li key={index}>{reason}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
