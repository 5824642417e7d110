"use client";

import { useId, useRef, useState } from "react";
import { useT } from "@/components/i18n-provider";
import { RunProgress } from "@/components/ui/run-progress";
import { useChunkedRun, type ChunkedRun } from "@/components/ui/use-chunked-run";
import { sendCampaignLinksAction } from "@/lib/campaigns/campaign-actions";
import { campaignPartSize } from "@/lib/campaigns/campaign-schemas";
import type { IssuedLink } from "@/lib/campaigns/issue-campaign-links";

export type CampaignTarget = { id: string; address: string };
type PartResult = { links: IssuedLink[]; alreadyReconnected: number };

/**
 * Sends a campaign's links to the targets given, a few per request
 * (useChunkedRun), each request checked again by the server; the links to
 * copy exist only in the answers, so only this page shows them.
 */
export function useCampaignLinkRun(tenant: string) {
  const parts = useChunkedRun<CampaignTarget, PartResult>();
  async function run(campaignId: string, targets: CampaignTarget[]) {
    return parts.run(targets, campaignPartSize, (part) => {
      const data = new FormData();
      data.set("tenant", tenant);
      data.set("campaignId", campaignId);
      for (const target of part) data.append("ids", target.id);
      return sendCampaignLinksAction(null, data);
    });
  }
  return { state: parts.state, run, stop: parts.stop, reset: parts.reset };
}

/** How far the sending got, while it runs. */
export function CampaignRunProgress({
  run,
  onStop,
}: {
  run: ChunkedRun<CampaignTarget, PartResult>;
  onStop: () => void;
}) {
  const t = useT();
  if (run.phase !== "running") return null;
  return (
    <RunProgress
      testId="campaign-progress"
      value={run.processed}
      max={run.total}
      label={t("common.progress.mailboxes", { done: run.processed, total: run.total })}
      note={t("common.progress.keepOpen")}
      onStop={onStop}
      stopping={run.stopping}
    />
  );
}

/** What the sending did, in words; for links to copy, the links, shown this once. */
export function CampaignRunResult({ run }: { run: ChunkedRun<CampaignTarget, PartResult> }) {
  const t = useT();
  if (run.phase !== "finished") return null;
  const links = run.results.flatMap((r) => r.links);
  const toCopy = links.filter((l): l is IssuedLink & { url: string } => Boolean(l.url));
  const mailed = links.filter((l) => l.mailed).length;
  const notMailed = links.filter((l) => !l.mailed && !l.url).length;
  const reconnected = run.results.reduce((sum, r) => sum + r.alreadyReconnected, 0);
  return (
    <div className="space-y-3" data-testid="campaign-run-result">
      <ul className="space-y-1 text-sm">
        {mailed > 0 && (
          <li data-testid="campaign-run-mailed">{t("campaigns.run.mailed", { count: mailed })}</li>
        )}
        {toCopy.length > 0 && <li>{t("campaigns.run.made", { count: toCopy.length })}</li>}
        {notMailed > 0 && (
          <li className="text-red-800" data-testid="campaign-run-not-mailed">
            {t("campaigns.run.notMailed", { count: notMailed })}
          </li>
        )}
        {reconnected > 0 && <li>{t("campaigns.run.alreadyReconnected", { count: reconnected })}</li>}
        {run.failures.map((failure, index) => (
          <li key={index} className="text-red-800">
            {t("campaigns.run.failed", {
              addresses: failure.items.map((i) => i.address).join(", "),
              reason: failure.message,
            })}
          </li>
        ))}
        {run.notRun.length > 0 && (
          <li className="text-amber-900">{t("campaigns.run.notRun", { count: run.notRun.length })}</li>
        )}
      </ul>
      {toCopy.length > 0 && <LinksToCopy links={toCopy} />}
    </div>
  );
}

function LinksToCopy({ links }: { links: { address: string; sentTo: string; url: string }[] }) {
  const t = useT();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"done" | "failed" | null>(null);
  const all = links.map((l) => `${l.sentTo}\t${l.url}`).join("\n");

  async function copy() {
    try {
      await navigator.clipboard.writeText(all);
      setCopied("done");
    } catch {
      area.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3"
    >
      <h3 id={`${id}-heading`} className="font-semibold">
        {t("campaigns.run.copyHeading")}
      </h3>
      <p className="text-sm text-slate-800">{t("campaigns.run.copyIntro")}</p>
      <ul className="space-y-2 text-sm" data-testid="campaign-copy-links">
        {links.map((link) => (
          <li key={link.url} className="min-w-0">
            <span className="block font-medium break-all">{link.sentTo}</span>
            <code className="block font-mono text-xs break-all select-all" data-testid="campaign-copy-link">
              {link.url}
            </code>
          </li>
        ))}
      </ul>
      <label htmlFor={`${id}-all`} className="block text-sm font-medium">
        {t("campaigns.run.copyAll")}
      </label>
      <textarea
        id={`${id}-all`}
        ref={area}
        readOnly
        value={all}
        rows={Math.min(links.length, 8)}
        className="block w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs"
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void copy()}
          className="rounded border border-brand-600 bg-white px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          {t("campaigns.run.copyAllButton")}
        </button>
        <p role="status" className="text-sm">
          {copied === "done"
            ? t("campaigns.run.copied")
            : copied === "failed"
              ? t("campaigns.run.copyFailed")
              : ""}
        </p>
      </div>
    </section>
  );
}
