"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useT } from "@/components/i18n-provider";
import { ExpirySelect } from "@/components/mailboxes/expiry-select";
import { runBulkActionAction } from "@/lib/mailboxes/bulk/bulk-actions";
import type { BulkReport } from "@/lib/mailboxes/bulk/bulk-report";

/** Links are asked for in batches, so that the person sees how far the sending got. */
const BATCH = 100;
/** Addresses written out; the rest is counted. */
const SHOWN = 50;

type Progress = { done: number; total: number };

/**
 * The configuration's mailboxes that must consent again since its transport
 * changed, with one action: reconnect links for all of them, through the
 * mailboxes' bulk connect links (same checks, audit and mail).
 */
export function ReconsentList({
  tenant,
  mailboxes,
  total,
  canSend,
}: {
  tenant: string;
  mailboxes: { id: string; address: string; delegateAccount: string | null }[];
  total: number;
  canSend: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  function sendAll(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const expiresInDays = new FormData(event.currentTarget).get("expiresInDays");
    const ids = mailboxes.map((m) => m.id);
    setReport(null);
    setError(null);
    startTransition(async () => {
      const sum: BulkReport = { done: [], skipped: [] };
      for (let start = 0; start < ids.length; start += BATCH) {
        setProgress({ done: start, total: ids.length });
        const data = new FormData();
        data.set("tenant", tenant);
        data.set("scope", "selection");
        data.set("action", "connect_links");
        if (typeof expiresInDays === "string") data.set("expiresInDays", expiresInDays);
        for (const id of ids.slice(start, start + BATCH)) data.append("ids", id);
        const result = await runBulkActionAction(null, data);
        if (!result.ok) {
          setError(Object.values(result.fieldErrors ?? {})[0] ?? result.message);
          break;
        }
        sum.done.push(...result.data.done);
        sum.skipped.push(...result.data.skipped);
      }
      setProgress(null);
      if (sum.done.length > 0 || sum.skipped.length > 0) setReport(sum);
      router.refresh();
    });
  }

  const notMailed = report?.skipped.filter((s) => s.reason === "not_mailed") ?? [];
  const connected = report?.skipped.filter((s) => s.reason === "already_connected") ?? [];
  return (
    <section
      aria-labelledby="reconsent-title"
      data-testid="reconsent-list"
      data-count={total}
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950"
    >
      <h2 id="reconsent-title" className="text-lg font-semibold">
        {t("clients.reconsent.title")}{" "}
        <span className="text-base font-normal">({t("clients.reconsent.count", { count: total })})</span>
      </h2>
      <p className="text-sm">{t("clients.reconsent.intro")}</p>
      <ul className="max-h-64 space-y-1 overflow-y-auto rounded border border-amber-200 bg-white p-2 text-sm">
        {mailboxes.slice(0, SHOWN).map((m) => (
          <li key={m.id} data-testid={`reconsent-mailbox-${m.address}`} className="break-words">
            <Link href={`/t/${tenant}/mailboxes/${m.id}`} className="text-brand-700 underline">
              {m.address}
            </Link>
            {m.delegateAccount && (
              <span className="text-slate-600">
                {" "}
                · {t("clients.reconsent.by", { delegate: m.delegateAccount })}
              </span>
            )}
          </li>
        ))}
        {total > SHOWN && (
          <li className="text-slate-600">{t("clients.reconsent.more", { count: total - SHOWN })}</li>
        )}
      </ul>
      {canSend && (
        <form onSubmit={sendAll} className="flex flex-wrap items-center gap-3">
          <ExpirySelect testId="reconsent-expiry" />
          <button
            type="submit"
            disabled={pending}
            data-testid="reconsent-send"
            className="rounded bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {t("clients.reconsent.send")}
          </button>
          <p className="w-full text-xs text-amber-900">{t("clients.reconsent.sendHint")}</p>
        </form>
      )}
      <div aria-live="polite" data-testid="reconsent-result">
        {progress && (
          <p role="status" className="text-sm">
            {t("clients.reconsent.sending", { done: progress.done, total: progress.total })}
          </p>
        )}
        {error && (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        {report && (
          <div
            role="status"
            data-testid="reconsent-report"
            data-sent={report.done.length}
            className="space-y-1 rounded bg-green-50 px-3 py-2 text-sm text-green-900"
          >
            <p>{t("clients.reconsent.sent", { count: report.done.length })}</p>
            {connected.length > 0 && (
              <p>{t("clients.reconsent.alreadyConnected", { count: connected.length })}</p>
            )}
            {notMailed.length > 0 && (
              <p className="text-red-800">
                {t("clients.reconsent.notMailed", { addresses: notMailed.map((s) => s.address).join(", ") })}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
