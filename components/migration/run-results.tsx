"use client";

import { useT } from "@/components/i18n-provider";
import type { MessageKey } from "@/lib/i18n/catalog";
import type { MigrateSenderResult } from "@/lib/migration/migrate-sender";

/** What happened to one sender in a run: the action's answer, or why it was refused. */
export type RunResult =
  | { address: string; ok: true; result: MigrateSenderResult }
  | { address: string; ok: false; message: string };

const steps = ["mailbox", "link", "credential"] as const;

/** Whether any step of a sender failed. */
export function runFailed(entry: RunResult): boolean {
  return !entry.ok || steps.some((step) => entry.result[step] === "failed");
}

/** Per sender, each step that was asked for, in words, and why one failed. */
export function RunResults({ results }: { results: RunResult[] }) {
  const t = useT();
  return (
    <section aria-labelledby="migration-results-heading" className="space-y-2 print:hidden">
      <h3 id="migration-results-heading" className="font-semibold">
        {t("migration.bulk.resultsHeading")}
      </h3>
      <ul
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        data-testid="migration-results"
      >
        {results.map((entry) => {
          const failed = runFailed(entry);
          const words = entry.ok
            ? steps
                .filter((step) => entry.result[step] !== "skipped")
                .map((step) => {
                  const outcome = entry.result[step] as "done" | "already" | "failed";
                  const key: MessageKey = `migration.result.${step}.${outcome}`;
                  return { step, text: t(key), failed: outcome === "failed" };
                })
            : [];
          return (
            <li
              key={entry.address}
              className="space-y-1 px-3 py-2 text-sm"
              data-testid={`migration-result-${entry.address}`}
              data-failed={failed}
            >
              <p className="font-medium break-all">{entry.address}</p>
              {entry.ok ? (
                <>
                  <ul className="flex flex-wrap gap-x-4 gap-y-1">
                    {words.length === 0 && (
                      <li className="text-slate-600">{t("migration.result.nothing")}</li>
                    )}
                    {words.map((word) => (
                      <li
                        key={word.step}
                        className={word.failed ? "font-medium text-red-800" : "text-green-900"}
                        data-step={word.step}
                      >
                        <span aria-hidden="true">{word.failed ? "✗ " : "✓ "}</span>
                        {word.text}
                      </li>
                    ))}
                  </ul>
                  {entry.result.problem && (
                    <p className="text-red-800">
                      {t("migration.result.reason", { reason: entry.result.problem })}
                    </p>
                  )}
                </>
              ) : (
                <p className="font-medium text-red-800">
                  {t("migration.result.failed", { reason: entry.message })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
