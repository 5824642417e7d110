"use client";

import { useId, useRef, useState } from "react";
import { useT } from "@/components/i18n-provider";

/**
 * A signing secret shown the one time it exists in clear: selectable in one
 * click, with a button that copies it, and a status line that says whether
 * the copy worked (a browser may refuse the clipboard: the text is then
 * selected, to copy by hand).
 */
export function SecretOnce({ label, secret, testId }: { label: string; secret: string; testId: string }) {
  const t = useT();
  const id = useId();
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<"done" | "failed" | null>(null);

  function selectText() {
    const node = code.current;
    const selection = window.getSelection();
    if (!node || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("done");
    } catch {
      selectText();
      setCopied("failed");
    }
  }

  return (
    <div className="space-y-1">
      <p id={`${id}-label`} className="text-sm font-medium">
        {label}
      </p>
      <div className="flex flex-wrap items-start gap-2">
        <code
          ref={code}
          className="block min-w-0 flex-1 rounded border border-slate-300 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 select-all"
          data-testid={testId}
        >
          {secret}
        </code>
        <button
          type="button"
          onClick={() => void copy()}
          aria-describedby={`${id}-label`}
          data-testid={`${testId}-copy`}
          className="rounded border border-brand-600 bg-white px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          {t("webhooks.copy.button")}
        </button>
      </div>
      <p role="status" className={copied ? "text-sm" : "sr-only"}>
        {copied === "done" ? t("webhooks.copy.done") : copied === "failed" ? t("webhooks.copy.failed") : ""}
      </p>
    </div>
  );
}
