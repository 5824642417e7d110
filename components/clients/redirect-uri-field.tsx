"use client";

import { useId, useRef, useState } from "react";
import { useT } from "@/components/i18n-provider";

/**
 * The portal's callback address, exactly as it is sent, with a Copy button:
 * providers compare it character for character with what was registered.
 */
export function RedirectUriField({ redirectUri }: { redirectUri: string }) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(redirectUri);
      setStatus("copied");
    } catch {
      // No clipboard (an insecure origin, a refused permission): select it for a manual copy.
      input.current?.select();
      setStatus("failed");
    }
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("clients.redirect.label")}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={redirectUri}
          data-testid="redirect-uri"
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-72 flex-1 rounded border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
        />
        <button
          type="button"
          onClick={copy}
          data-testid="copy-redirect-uri"
          className="rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100"
        >
          {t("clients.redirect.copy")}
        </button>
        <span role="status" data-testid="copy-redirect-uri-status" className="text-sm text-green-800">
          {status === "copied" ? t("clients.redirect.copied") : ""}
        </span>
      </div>
      {status === "failed" && <p className="text-sm text-red-700">{t("clients.redirect.copyFailed")}</p>}
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t("clients.redirect.hint")}
      </p>
    </div>
  );
}
